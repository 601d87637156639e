import type { Context, Next } from 'koa';
import { servedUploadHeaders } from '../plugins/submissions/shared/upload-types';

/**
 * Whatever is under /uploads (including files stored before uploads were typed by content) is never
 * run by a browser: no sniffing, a sandbox with nothing allowed, and everything but PNG and JPEG
 * images is a download. (Files on a cloud provider need the same headers set there: README.)
 */
export default () => async (ctx: Context, next: Next) => {
  if (!ctx.path.startsWith('/uploads/')) return next();
  await next();
  ctx.set(servedUploadHeaders(ctx.response.type || ''));
};
