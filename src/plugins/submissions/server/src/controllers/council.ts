import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { parseAction, parseCreate, parseUpdate, parseUploadVersion } from '../validation/input';
import { fieldErrors } from '../errors';
import { handled, paging } from './respond';
import { fileIdParam, sendAttachment } from './send-file';

const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

/** The council officers' API (content API, users-permissions JWT). Every read is limited to the officer's council. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const actorOf = (ctx: Context) => getService(strapi, 'accounts').councilActor(ctx.state.user);
  const views = () => getService(strapi, 'views');
  const settings = () => getService(strapi, 'settings').get();

  return {
    /** The current template, or with ?version=N the one a submission started on. */
    template: handled(async (ctx) => {
      const raw = ctx.query.version;
      const version = raw === undefined ? undefined : Number(raw);
      if (version !== undefined && !(Number.isInteger(version) && version >= 1)) {
        throw fieldErrors([{ field: 'version', message: 'must be a whole number from 1' }]);
      }
      return { data: await getService(strapi, 'template').forForm(version) };
    }),

    find: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const { rows, pagination } = await getService(strapi, 'drafts').list(actor, paging(ctx.query));
      const s = await settings();
      return { data: rows.map((row) => views().summary(row, actor, s)), meta: { pagination } };
    }),

    findOne: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const row = await getService(strapi, 'drafts').findOwn(actor, ctx.params.id);
      return { data: await views().full(row, actor, await settings()) };
    }),

    create: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const template = await getService(strapi, 'template').current();
      const row = await getService(strapi, 'drafts').create(actor, parseCreate(body(ctx), template.sections));
      ctx.status = 201;
      return { data: await views().full(row, actor, await settings()) };
    }),

    update: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const existing = await getService(strapi, 'drafts').findOwn(actor, ctx.params.id);
      const template = await getService(strapi, 'template').byVersion(existing.templateVersion);
      const row = await getService(strapi, 'drafts').update(
        actor,
        ctx.params.id,
        parseUpdate(body(ctx), template.sections)
      );
      return { data: await views().full(row, actor, await settings()) };
    }),

    act: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const data = await getService(strapi, 'workflow').act(
        actor,
        ctx.params.id,
        ctx.params.action,
        parseAction(body(ctx))
      );
      return { data };
    }),

    /** Multipart: the file in `file`; `version` (optional) pins the version the officer saw. */
    addAttachment: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const files = (ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {};
      const row = await getService(strapi, 'attachments').add(
        actor,
        ctx.params.id,
        files.file as never,
        parseUploadVersion(body(ctx))
      );
      ctx.status = 201;
      return { data: await views().full(row, actor, await settings()) };
    }),

    /** `?version=` (optional) pins the version the officer saw. */
    removeAttachment: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const row = await getService(strapi, 'attachments').remove(
        actor,
        ctx.params.id,
        fileIdParam(ctx),
        parseUploadVersion(ctx.query)
      );
      return { data: await views().full(row, actor, await settings()) };
    }),

    /** The file itself, to officers of the submission's council only (others: 404, like unknown ids). */
    downloadAttachment: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const fileId = fileIdParam(ctx);
      const row = await getService(strapi, 'drafts').findOwn(actor, ctx.params.id);
      const { attachment, stream } = await getService(strapi, 'attachments').open(row, fileId);
      sendAttachment(ctx, attachment, stream);
      return undefined;
    }),
  };
};
