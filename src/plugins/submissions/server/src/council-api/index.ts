import type { Core } from '@strapi/strapi';
import type {
  CouncilApi,
  CouncilUser,
  ListQuery,
  SubmissionList,
  SubmissionSummary,
  SubmissionView,
  TemplateForForm,
} from '../../../shared/contracts';
import { paging } from '../controllers/paging';
import { attachmentIdOf } from '../controllers/send-file';
import { fieldErrors } from '../errors';
import { getService } from '../utils/get-service';
import { parseAction, parseCreate, parseUpdate, parseUploadVersion } from '../validation/input';

/** Checked at compile time: the views the services build are the documented contract. */
const asView = (view: SubmissionView): SubmissionView => view;
const asSummary = (row: SubmissionSummary): SubmissionSummary => row;

/**
 * The council API, once: parse the input, apply the access rules (the caller's council), call the
 * services, answer the documented view (shared/contracts.ts). The content-API controllers
 * (controllers/council.ts) and the website's pages both call this, so the HTTP API and the pages
 * cannot drift apart. Errors are Strapi's (ValidationError naming fields, NotFoundError,
 * UnauthorizedError, ForbiddenError) and ConflictError (409).
 */
export default ({ strapi }: { strapi: Core.Strapi }): CouncilApi => {
  const actorOf = (user: CouncilUser) => getService(strapi, 'accounts').councilActor(user ?? null);
  const views = () => getService(strapi, 'views');
  const drafts = () => getService(strapi, 'drafts');
  const settings = () => getService(strapi, 'settings').get();

  return {
    /** The current template, or the version a submission started on (public). */
    async template(rawVersion?: unknown): Promise<TemplateForForm> {
      if (rawVersion === undefined) return getService(strapi, 'template').forForm();
      const version = Number(rawVersion);
      if (!(Number.isInteger(version) && version >= 1))
        throw fieldErrors([{ field: 'version', message: 'must be a whole number from 1' }]);
      return getService(strapi, 'template').forForm(version);
    },

    /** The caller's council's submissions, newest activity first. */
    async list(user: CouncilUser, query: ListQuery = {}): Promise<SubmissionList> {
      const actor = await actorOf(user);
      const { rows, pagination } = await drafts().list(actor, paging(query as Record<string, unknown>));
      const s = await settings();
      return { data: rows.map((row) => asSummary(views().summary(row, actor, s))), meta: { pagination } };
    },

    /** One of the caller's council's submissions (another council's ids are 404, like unknown ones). */
    async get(user: CouncilUser, id: string): Promise<SubmissionView> {
      const actor = await actorOf(user);
      const row = await drafts().findOwn(actor, id);
      return asView(await views().full(row, actor, await settings()));
    },

    async create(user: CouncilUser, body: unknown): Promise<SubmissionView> {
      const actor = await actorOf(user);
      const template = await getService(strapi, 'template').current();
      const row = await drafts().create(actor, parseCreate(body, template.sections));
      return asView(await views().full(row, actor, await settings()));
    },

    /** Saves answers on a draft (or when changes are requested), if `version` is still current. */
    async update(user: CouncilUser, id: string, body: unknown): Promise<SubmissionView> {
      const actor = await actorOf(user);
      const existing = await drafts().findOwn(actor, id);
      const template = await getService(strapi, 'template').byVersion(existing.templateVersion);
      const row = await drafts().update(actor, id, parseUpdate(body, template.sections));
      return asView(await views().full(row, actor, await settings()));
    },

    /** A council action from the workflow table (submit, withdraw). */
    async act(user: CouncilUser, id: string, action: string, body: unknown): Promise<SubmissionView> {
      const actor = await actorOf(user);
      return asView(await getService(strapi, 'workflow').act(actor, id, action, parseAction(body)));
    },

    async addAttachment(user: CouncilUser, id: string, file: unknown, fields?: unknown): Promise<SubmissionView> {
      const actor = await actorOf(user);
      const row = await getService(strapi, 'attachments').add(actor, id, file as never, parseUploadVersion(fields));
      return asView(await views().full(row!, actor, await settings()));
    },

    async removeAttachment(user: CouncilUser, id: string, rawFileId: unknown, query?: unknown): Promise<SubmissionView> {
      const actor = await actorOf(user);
      const row = await getService(strapi, 'attachments').remove(
        actor,
        id,
        attachmentIdOf(rawFileId),
        parseUploadVersion(query)
      );
      return asView(await views().full(row!, actor, await settings()));
    },

    async openAttachment(user: CouncilUser, id: string, rawFileId: unknown) {
      const actor = await actorOf(user);
      const row = await drafts().findOwn(actor, id);
      return getService(strapi, 'attachments').open(row, attachmentIdOf(rawFileId));
    },
  };
};
