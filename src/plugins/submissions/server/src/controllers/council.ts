import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { handled } from './respond';
import { sendAttachment } from './send-file';

const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

/**
 * The council officers' API (content API, users-permissions JWT): HTTP in and out of the council
 * API module (council-api/), which the website's pages call in-process too.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const api = () => getService(strapi, 'councilApi');

  return {
    template: handled(async (ctx) => ({ data: await api().template(ctx.query.version) })),

    find: handled(async (ctx) => api().list(ctx.state.user, ctx.query)),

    findOne: handled(async (ctx) => ({ data: await api().get(ctx.state.user, ctx.params.id) })),

    create: handled(async (ctx) => {
      const data = await api().create(ctx.state.user, body(ctx));
      ctx.status = 201;
      return { data };
    }),

    update: handled(async (ctx) => ({ data: await api().update(ctx.state.user, ctx.params.id, body(ctx)) })),

    act: handled(async (ctx) => ({
      data: await api().act(ctx.state.user, ctx.params.id, ctx.params.action, body(ctx)),
    })),

    /** Multipart: the file in `file`; `version` (optional) pins the version the officer saw. */
    addAttachment: handled(async (ctx) => {
      const files = (ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {};
      const data = await api().addAttachment(ctx.state.user, ctx.params.id, files.file, body(ctx));
      ctx.status = 201;
      return { data };
    }),

    /** `?version=` (optional) pins the version the officer saw. */
    removeAttachment: handled(async (ctx) => ({
      data: await api().removeAttachment(ctx.state.user, ctx.params.id, ctx.params.fileId, ctx.query),
    })),

    /** The file itself, to officers of the submission's council only (others: 404, like unknown ids). */
    downloadAttachment: handled(async (ctx) => {
      const { attachment, stream } = await api().openAttachment(ctx.state.user, ctx.params.id, ctx.params.fileId);
      sendAttachment(ctx, attachment, stream);
      return undefined;
    }),
  };
};
