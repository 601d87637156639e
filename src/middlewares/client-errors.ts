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

export interface ClientErrorsConfig {
  /**
   * Path prefixes of pages with their own forms. A file over the multipart limit posted to one of them
   * is sent back to the page it came from (303, `?error=${FILE_TOO_LARGE}`), which says so the GOV.UK
   * way: the parser refuses it before any route runs, so the page cannot answer the post itself.
   */
  formPages?: string[];
}

/** The query a form page reads to show "the selected file must be … MB or smaller". */
export const FILE_TOO_LARGE = 'file-too-large';

const isFormPost = (ctx: Context, formPages: string[]) =>
  ctx.method === 'POST' && formPages.some((prefix) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`));

/**
 * strapi::body answers formidable's "maxFileSize exceeded" itself, with a 413 "FileTooBig" body rather
 * than an error; formidable's other limits (the form fields' size) are thrown as they are.
 */
const answeredFileTooLarge = (ctx: Context) =>
  ctx.status === 413 && (ctx.body as { error?: { message?: unknown } } | undefined)?.error?.message === 'FileTooBig';

/**
 * A client's mistake raised by a library with its own copy of http-errors (the body parser's 413, a
 * file sender's 404) is not an instance of Strapi's copy, so Strapi's error middleware logs it as a
 * fault, stack and all, before answering. Answer such 4xx here, in Strapi's error shape, unlogged.
 */
export default (config: ClientErrorsConfig = {}) => async (ctx: Context, next: Next) => {
  try {
    await next();
    if (answeredFileTooLarge(ctx) && isFormPost(ctx, config.formPages ?? [])) {
      ctx.status = 303;
      ctx.redirect(`${ctx.path}?error=${FILE_TOO_LARGE}`);
    }
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
