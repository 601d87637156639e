import type { Core } from '@strapi/strapi';
import { OPEN_STATES, STATES, type State } from '../../../shared/workflow';
import type { Actor, WorkflowSettings } from '../access/rules';
import { UIDS } from '../utils/get-service';
import { getService } from '../utils/get-service';
import { SUBMISSION_POPULATE, type SubmissionRow } from './views';

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

  async list(query: QueueQuery, actor: Actor, settings: WorkflowSettings) {
    const base = this.whereFor(query, actor);
    const states = query.states?.length ? query.states : OPEN_STATES;
    const where = { ...base, state: { $in: states } };
    const submissions = strapi.db.query(UIDS.submission);
    const [rows, total, ...stateCounts] = await Promise.all([
      submissions.findMany({
        where,
        populate: SUBMISSION_POPULATE,
        orderBy: SORTS[query.sort] as never,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      submissions.count({ where }),
      ...STATES.map((state) => submissions.count({ where: { ...base, state } })),
    ]);
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
      counts: Object.fromEntries(STATES.map((state, i) => [state, stateCounts[i] as number])),
    };
  },
});
