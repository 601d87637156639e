import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import {
  CONTROL_CHARACTER_MESSAGE,
  findControlCharacters,
  hasControlCharacters,
} from '../plugins/submissions/shared/control-characters';

/** The request's path, decoded as the router will decode its parameters. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // the router answers a malformed path itself
  }
}

export interface ControlCharactersConfig {
  /**
   * Path prefixes of pages whose own forms answer this the GOV.UK way (the form again, 422, the field
   * linked from an error summary): their posted fields are left to them, and reach the database only
   * through parsers that refuse control characters too (the council API, the email parser).
   */
  formPages?: string[];
}

const isFormPost = (ctx: Context, formPages: string[]) =>
  ctx.method === 'POST' &&
  Boolean(ctx.is('urlencoded', 'multipart')) &&
  formPages.some((prefix) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`));

/**
 * Every route (content API, admin API, the council site): a control character in the path, a query
 * parameter or a JSON or form field answers 400 naming the field, before anything reads it. GraphQL
 * parses its own body in its route: its variables are checked in src/lib/graphql-limits.ts.
 * Uploaded files are binary content, not text: they are in ctx.request.files, which is not checked.
 */
export default (config: ControlCharactersConfig = {}) =>
  async (ctx: Context, next: Next) => {
    const body = isFormPost(ctx, config.formPages ?? [])
      ? undefined
      : (ctx.request as { body?: unknown }).body;
    const field = hasControlCharacters(decodedPath(ctx.path))
      ? 'path'
      : (findControlCharacters(ctx.query, 'brackets') ?? findControlCharacters(body, 'dotted'));
    if (!field) return next();
    const message = `${field}: ${CONTROL_CHARACTER_MESSAGE}`;
    throw new errors.ValidationError(message, {
      errors: [
        {
          path: field.split(/[.[\]]+/).filter(Boolean),
          message: CONTROL_CHARACTER_MESSAGE,
          name: 'ValidationError',
        },
      ],
    });
  };
