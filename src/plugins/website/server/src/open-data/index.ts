import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { exportActions } from './export';
import { feedAction } from './feed';
import { robotsAction, sitemapAction } from './sitemap';

/**
 * GET /documentation/openapi.json: the OpenAPI document /documentation shows, as a file for code
 * generators; behind the same password as /documentation when that is restricted.
 */
function openApiAction(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    const store = strapi.store({ type: 'plugin', name: 'documentation' });
    const settings = (await store.get({ key: 'config' })) as { restrictedAccess?: boolean } | null;
    const session = (ctx as unknown as { session?: { documentation?: { logged?: boolean } } }).session;
    if (settings?.restrictedAccess && !session?.documentation?.logged) throw new errors.UnauthorizedError();
    const docs = strapi.plugin('documentation').service('documentation') as {
      getFullDocumentationPath(): string;
      getDocumentationVersion(): string;
    };
    const file = path.join(docs.getFullDocumentationPath(), docs.getDocumentationVersion(), 'full_documentation.json');
    if (!fs.existsSync(file)) throw new errors.NotFoundError('The API documentation has not been generated');
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'public, no-cache');
    ctx.body = fs.createReadStream(file);
  };
}

/** The library as open data: downloads, the feed, the sitemap, robots.txt and the API document. */
export function openDataActions(strapi: Core.Strapi) {
  const exports = exportActions(strapi);
  return {
    exportCsv: exports.csv,
    exportJson: exports.json,
    feed: feedAction(strapi),
    sitemap: sitemapAction(strapi),
    robots: robotsAction(strapi),
    openApi: openApiAction(strapi),
  };
}
