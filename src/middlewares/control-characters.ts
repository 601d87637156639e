import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import {
  CONTROL_CHARACTER_MESSAGE,
  findControlCharacters,
  hasControlCharacters,
} from '../lib/control-characters';

/** The request's path, decoded as the router will decode its parameters. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // the router answers a malformed path itself
  }
}

/**
 * Every route (content API, admin API, the council site): a control character in the path, a query
 * parameter or a JSON or form field answers 400 naming the field, before anything reads it. GraphQL
 * parses its own body in its route: its variables are checked in src/lib/graphql-limits.ts.
 * Uploaded files are binary content, not text: they are in ctx.request.files, which is not checked.
 */
export default () => async (ctx: Context, next: Next) => {
  const body = (ctx.request as unknown as { body?: unknown }).body;
  const field = hasControlCharacters(decodedPath(ctx.path))
    ? 'path'
    : (findControlCharacters(ctx.query, 'brackets') ?? findControlCharacters(body, 'dotted'));
  if (!field) return next();
  const message = `${field}: ${CONTROL_CHARACTER_MESSAGE}`;
  // A browser's form post (the council site) gets words, not JSON.
  if (ctx.method === 'POST' && ctx.is('urlencoded') && ctx.accepts('json', 'html') === 'html') {
    ctx.status = 400;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `There is a problem with what you sent: ${message}. Go back, remove them and try again.`;
    return;
  }
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
