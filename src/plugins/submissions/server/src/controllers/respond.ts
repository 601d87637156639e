import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { ConflictError, fieldErrors } from '../errors';

type Handler = (ctx: Context) => Promise<unknown>;

/**
 * Strapi's error middleware knows no 409, and answers every 403 with a bare "Forbidden": answer
 * those here, in Strapi's error shape, so clients learn which state or rule stopped them.
 */
export const handled =
  (handler: Handler): Handler =>
  async (ctx) => {
    try {
      const body = await handler(ctx);
      if (body !== undefined) ctx.body = body;
    } catch (error) {
      if (error instanceof ConflictError) {
        ctx.status = 409;
        ctx.body = {
          data: null,
          error: { status: 409, name: error.name, message: error.message, details: error.details },
        };
      } else if (error instanceof errors.ForbiddenError) {
        ctx.status = 403;
        ctx.body = {
          data: null,
          error: { status: 403, name: 'ForbiddenError', message: error.message, details: {} },
        };
      } else {
        throw error;
      }
    }
  };

/** page and pageSize from the query string: whole numbers, pageSize at most 100. */
export function paging(query: Record<string, unknown>, defaultSize = 25): { page: number; pageSize: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw fieldErrors([{ field: name, message: `must be a whole number from 1 to ${max}` }]);
    }
    return value;
  };
  return { page: read('page', 1, 100_000), pageSize: read('pageSize', defaultSize, 100) };
}
