import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { sendAttachment } from './send-file';

const body = (ctx: Context) => (ctx.request as unknown as { body?: unknown }).body;

/**
 * The council officers' API (content API, users-permissions JWT): HTTP in and out of the council
 * API module (council-api/), which the website's pages call in-process too.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const api = () => getService(strapi, 'councilApi');

  return {
    template: async (ctx: Context) => ({ data: await api().template(ctx.query.version) }),

    find: async (ctx: Context) => api().list(ctx.state.user, ctx.query),

    findOne: async (ctx: Context) => ({ data: await api().get(ctx.state.user, ctx.params.id) }),

    create: async (ctx: Context) => {
      const data = await api().create(ctx.state.user, body(ctx));
      ctx.status = 201;
      return { data };
    },

    update: async (ctx: Context) => ({ data: await api().update(ctx.state.user, ctx.params.id, body(ctx)) }),

    act: async (ctx: Context) => ({
      data: await api().act(ctx.state.user, ctx.params.id, ctx.params.action, body(ctx)),
    }),

    /** Multipart: the file in `file`; `version` (optional) pins the version the officer saw. */
    addAttachment: async (ctx: Context) => {
      const files = (ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {};
      const data = await api().addAttachment(ctx.state.user, ctx.params.id, files.file, body(ctx));
      ctx.status = 201;
      return { data };
    },

    /** `?version=` (optional) pins the version the officer saw. */
    removeAttachment: async (ctx: Context) => ({
      data: await api().removeAttachment(ctx.state.user, ctx.params.id, ctx.params.fileId, ctx.query),
    }),

    /** The file itself, to officers of the submission's council only (others: 404, like unknown ids). */
    downloadAttachment: async (ctx: Context) => {
      const { attachment, stream } = await api().openAttachment(
        ctx.state.user,
        ctx.params.id,
        ctx.params.fileId
      );
      sendAttachment(ctx, attachment, stream);
      return undefined;
    },
  };
};
