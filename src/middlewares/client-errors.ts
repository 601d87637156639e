import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

interface ClientError {
  status?: unknown;
  /** formidable's (the multipart parser's) errors carry their HTTP status here, without `expose`. */
  httpCode?: unknown;
  expose?: unknown;
  name?: string;
  message?: string;
}

/**
 * A client's mistake raised by a library with its own copy of http-errors (the body parser's 413, a
 * file sender's 404) is not an instance of Strapi's copy, so Strapi's error middleware logs it as a
 * fault, stack and all, before answering. Answer such 4xx here, in Strapi's error shape, unlogged.
 */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    const e = error as ClientError;
    const ours = error instanceof errors.ApplicationError || error instanceof errors.HttpError;
    const formidable = typeof e?.httpCode === 'number' && e.httpCode >= 400 && e.httpCode < 500;
    const status = formidable ? (e.httpCode as number) : e?.status;
    if (ours || typeof status !== 'number' || status < 400 || status >= 500 || (e.expose !== true && !formidable))
      throw error;
    const name = formidable ? (status === 413 ? 'PayloadTooLargeError' : 'BadRequestError') : e.name;
    ctx.status = status;
    ctx.body = { data: null, error: { status, name, message: e.message, details: {} } };
  }
};
