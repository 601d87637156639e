import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { parseAction, parseCreate, parseUpdate } from '../validation/input';
import { fieldErrors } from '../errors';
import { handled, paging } from './respond';

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

    addAttachment: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const files = (ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {};
      const row = await getService(strapi, 'attachments').add(actor, ctx.params.id, files.file as never);
      ctx.status = 201;
      return { data: await views().full(row!, actor, await settings()) };
    }),

    removeAttachment: handled(async (ctx) => {
      const actor = await actorOf(ctx);
      const fileId = Number(ctx.params.fileId);
      if (!Number.isInteger(fileId))
        throw fieldErrors([{ field: 'fileId', message: 'must be a whole number' }]);
      const row = await getService(strapi, 'attachments').remove(actor, ctx.params.id, fileId);
      return { data: await views().full(row!, actor, await settings()) };
    }),
  };
};
