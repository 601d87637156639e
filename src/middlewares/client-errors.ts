import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

interface ClientError {
  status?: unknown;
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
    if (ours || typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true)
      throw error;
    ctx.status = e.status;
    ctx.body = { data: null, error: { status: e.status, name: e.name, message: e.message, details: {} } };
  }
};
