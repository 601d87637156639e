import type { Core } from '@strapi/strapi';
import { OPEN_STATES, STATES, type State } from '../../../shared/workflow';
import type { Actor, WorkflowSettings } from '../access/rules';
import { UIDS } from '../utils/get-service';
import { getService } from '../utils/get-service';
import { SUBMISSION_POPULATE, type SubmissionRow } from './views';

/** What a queue row shows: the council and the assignee (not the topics, author or answers). */
const ROW_POPULATE = { council: SUBMISSION_POPULATE.council, assignee: SUBMISSION_POPULATE.assignee };

export interface QueueQuery {
  states?: State[];
  council?: string;
  topic?: string;
  assignee?: 'me' | 'none' | number;
  olderThanDays?: number;
  q?: string;
  sort: 'waiting' | 'activity' | 'title';
  page: number;
  pageSize: number;
}

const SORTS = {
  waiting: [{ submittedAt: 'asc' }, { id: 'asc' }],
  activity: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
  title: [{ title: 'asc' }, { id: 'asc' }],
} as const;

/** The editors' queue: filters, counts per state under the same filters, paging. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  whereFor(query: QueueQuery, actor: Actor): Record<string, unknown> {
    const and: Record<string, unknown>[] = [];
    if (query.council) and.push({ council: { documentId: query.council } });
    if (query.topic) and.push({ topics: { $or: [{ documentId: query.topic }, { slug: query.topic }] } });
    if (query.assignee === 'me') and.push({ assignee: { id: actor.userId } });
    else if (query.assignee === 'none') and.push({ assignee: { id: { $null: true } } });
    else if (typeof query.assignee === 'number') and.push({ assignee: { id: query.assignee } });
    if (query.olderThanDays)
      and.push({ submittedAt: { $lte: new Date(Date.now() - query.olderThanDays * 86_400_000) } });
    if (query.q)
      and.push({
        $or: [
          { title: { $containsi: query.q } },
          { council: { name: { $containsi: query.q } } },
          { reference: { $containsi: query.q } },
        ],
      });
    return and.length ? { $and: and } : {};
  },

  /** How many submissions match the filters in each state: one grouped query, not one per state. */
  async countsByState(where: Record<string, unknown>): Promise<Record<State, number>> {
    // The query engine builds the joins the relation filters need; distinct ids keep joins from double counting.
    const matching = strapi.db
      .queryBuilder(UIDS.submission)
      .select(['id', 'state'])
      .where(where)
      .getKnexQuery();
    const rows: Array<{ state: State; count: string | number }> = await strapi.db.connection
      .from(matching.as('matching'))
      .select('state')
      .count({ count: '*' })
      .groupBy('state');
    const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as Record<State, number>;
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  },

  async list(query: QueueQuery, actor: Actor, settings: WorkflowSettings) {
    const base = this.whereFor(query, actor);
    const states = query.states?.length ? query.states : OPEN_STATES;
    const where = { ...base, state: { $in: states } };
    const [rows, counts] = await Promise.all([
      strapi.db.query(UIDS.submission).findMany({
        where,
        populate: ROW_POPULATE,
        orderBy: SORTS[query.sort] as never,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      this.countsByState(base),
    ]);
    const total = states.reduce((sum, state) => sum + counts[state], 0);
    const views = getService(strapi, 'views');
    const now = Date.now();
    return {
      results: (rows as SubmissionRow[]).map((row) => ({
        ...views.summary(row, actor, settings),
        waitingDays: row.submittedAt
          ? Math.floor((now - new Date(row.submittedAt).getTime()) / 86_400_000)
          : null,
      })),
      pagination: {
        page: query.page,
        pageSize: query.pageSize,
        pageCount: Math.ceil(total / query.pageSize),
        total,
      },
      counts,
    };
  },
});
