import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';

/** The public library's read routes (REST): the only responses worth caching. */
const CACHEABLE = /^\/api\/(case-studies|topics|support-types|councils)(\/|$)/;

interface CacheContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  fresh: boolean;
  get(field: string): string;
  set(field: string, value: string): void;
  type: string;
}

/**
 * ETag and Cache-Control for anonymous GETs of the library. The ETag is a hash of the response body
 * itself, so it derives from the database state every process shares: after a publish or an
 * unpublish the body, and so the tag, changes at once, with no counter to keep and no write path to
 * miss. `no-cache` lets browsers and CDNs keep a copy but revalidate every time (a 304 costs no body).
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) =>
  async (ctx: CacheContext, next: () => Promise<void>) => {
    await next();
    if (!['GET', 'HEAD'].includes(ctx.method) || !CACHEABLE.test(ctx.path) || ctx.get('Authorization'))
      return;
    if (ctx.status !== 200 || ctx.body == null || typeof ctx.body !== 'object' || Buffer.isBuffer(ctx.body))
      return;

    const json = JSON.stringify(ctx.body);
    ctx.body = json;
    ctx.type = 'application/json';
    ctx.set('ETag', `"${createHash('sha1').update(json).digest('base64url')}"`);
    ctx.set('Cache-Control', 'public, no-cache');
    ctx.set('Vary', 'Authorization');
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
