import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EDITABLE_STATES } from '../../../shared/workflow';
import type { Actor } from '../access/rules';
import { ConflictError, fieldErrors, MESSAGES } from '../errors';
import { getService, UIDS } from '../utils/get-service';
import type { DraftInput } from '../validation/input';
import type { SubmissionRow } from './views';

type CouncilActor = Extract<Actor, { kind: 'council' }>;

function toData(input: DraftInput, existing?: SubmissionRow) {
  const data: Record<string, unknown> = {};
  if (input.title !== undefined) data.title = input.title?.trim() || null;
  if (input.summary !== undefined) data.summary = input.summary?.trim() || null;
  if (input.answers !== undefined) {
    // Answers merge: a form page saves one section without sending the others.
    const merged: Record<string, string> = { ...(existing?.answers ?? {}) };
    for (const [key, value] of Object.entries(input.answers)) {
      if (value === null || value.trim() === '') delete merged[key];
      else merged[key] = value;
    }
    data.answers = merged;
  }
  if (input.contact !== undefined) data.contact = { ...(existing?.contact ?? {}), ...(input.contact ?? {}) };
  if (input.topics !== undefined) data.topics = input.topics;
  if (input.supportTypes !== undefined) data.supportTypes = input.supportTypes;
  if (input.coverAttachment !== undefined) data.coverAttachment = input.coverAttachment;
  return data;
}

/** A council's drafts: created by a contributor, edited by anyone at the same council while editable. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(actor: CouncilActor, { page, pageSize }: { page: number; pageSize: number }) {
    const where = { council: actor.councilId };
    const [rows, total] = await Promise.all([
      strapi.db.query(UIDS.submission).findMany({
        where,
        populate: { council: { select: ['id', 'documentId', 'name'] } },
        orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      }),
      strapi.db.query(UIDS.submission).count({ where }),
    ]);
    return {
      rows: rows as SubmissionRow[],
      pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
    };
  },

  /** A submission of the actor's council, or 404: another council's ids are indistinguishable from unknown ones. */
  async findOwn(actor: CouncilActor, documentId: string): Promise<SubmissionRow> {
    const row = await getService(strapi, 'views').load(documentId);
    if (!row || row.council?.id !== actor.councilId) throw new errors.NotFoundError(MESSAGES.notFound);
    return row;
  },

  async create(actor: CouncilActor, input: DraftInput): Promise<SubmissionRow> {
    if (input.coverAttachment)
      throw fieldErrors([
        { field: 'coverAttachment', message: 'a new draft has no attachments to choose from' },
      ]);
    const template = await getService(strapi, 'template').current();
    const [council, author] = await Promise.all([
      strapi.db.query(UIDS.council).findOne({ where: { id: actor.councilId }, select: ['documentId'] }),
      strapi.db.query(UIDS.user).findOne({ where: { id: actor.userId }, select: ['documentId'] }),
    ]);
    return strapi.db.transaction(async () => {
      const created = await strapi.documents(UIDS.submission).create({
        data: {
          ...toData(input),
          council: council.documentId,
          author: author.documentId,
          state: 'draft',
          version: 1,
          templateVersion: template.version,
          lastActivityAt: new Date(),
        } as never,
      });
      const reference = `CS-${new Date().getFullYear()}-${String(created.id).padStart(5, '0')}`;
      await strapi.db.query(UIDS.submission).update({ where: { id: created.id }, data: { reference } });
      return (await getService(strapi, 'views').load(created.documentId))!;
    });
  },

  /**
   * Saves answers if the client saw the current version and the state still allows editing.
   * The version bump is a conditional update, so of two colleagues saving at once exactly one wins.
   */
  async update(
    actor: CouncilActor,
    documentId: string,
    input: DraftInput & { version: number }
  ): Promise<SubmissionRow> {
    const existing = await this.findOwn(actor, documentId);
    if (!EDITABLE_STATES.includes(existing.state))
      throw new ConflictError(MESSAGES.notEditable(existing.state), { state: existing.state });
    if (input.version !== existing.version) {
      throw new ConflictError(MESSAGES.staleVersion(input.version, existing.version), {
        version: existing.version,
      });
    }
    const coverProblem =
      input.coverAttachment === undefined
        ? null
        : getService(strapi, 'attachments').coverProblem(existing, input.coverAttachment);
    if (coverProblem) throw fieldErrors([{ field: 'coverAttachment', message: coverProblem }]);
    return strapi.db.transaction(async () => {
      const { count } = await strapi.db.query(UIDS.submission).updateMany({
        where: { id: existing.id, version: existing.version, state: { $in: EDITABLE_STATES } },
        data: { version: existing.version + 1, lastActivityAt: new Date() },
      });
      if (count !== 1) throw new ConflictError(MESSAGES.staleVersion(input.version, existing.version + 1));
      const data = toData(input, existing);
      if (Object.keys(data).length > 0)
        await strapi.documents(UIDS.submission).update({ documentId, data: data as never });
      return (await getService(strapi, 'views').load(documentId))!;
    });
  },
});
