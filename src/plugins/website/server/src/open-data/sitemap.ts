import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { openDataConfig } from '../../../../../open-data/config';
import { siteUrl } from '../config';

const UID = 'api::case-study.case-study';
const BATCH = 1000;
const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

type Row = { slug: string; updatedAt: string };
const published = (strapi: Core.Strapi) =>
  strapi.documents(UID) as unknown as {
    count(params: Record<string, unknown>): Promise<number>;
    findMany(params: Record<string, unknown>): Promise<Row[]>;
  };

/**
 * GET /sitemap.xml: every published case study and the library. Past `sitemapUrlsPerFile` URLs
 * (50,000, the protocol's limit) it is a sitemap index of /sitemap.xml?page=1, 2, ... each holding
 * that many; every file is streamed a thousand rows at a time.
 */
export function sitemapAction(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    const perFile = openDataConfig(strapi).sitemapUrlsPerFile;
    const origin = siteUrl(strapi, ctx.origin);
    const total = (await published(strapi).count({ status: 'published' })) + 1; // + the library page
    const files = Math.max(1, Math.ceil(total / perFile));
    const raw = ctx.query.page;
    ctx.type = 'application/xml; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');

    if (raw === undefined && files > 1) {
      const list = Array.from(
        { length: files },
        (_, i) => `<sitemap><loc>${xmlText(`${origin}/sitemap.xml?page=${i + 1}`)}</loc></sitemap>\n`
      );
      ctx.body = `${HEAD}<sitemapindex xmlns="${NS}">\n${list.join('')}</sitemapindex>\n`;
      return;
    }
    const page = raw === undefined ? 1 : Number(raw);
    if (typeof raw === 'object' || !Number.isInteger(page) || page < 1 || page > files) {
      throw new errors.ValidationError(`page: must be a whole number from 1 to ${files}`);
    }
    // URL 0 is the library page; URL i is the i-th published case study in slug order.
    const first = (page - 1) * perFile;
    const end = Math.min(page * perFile, total); // exclusive
    const offset = Math.max(first, 1) - 1; // of this file's first case study
    async function* xml() {
      yield `${HEAD}<urlset xmlns="${NS}">\n`;
      if (first === 0) yield `<url><loc>${xmlText(`${origin}/case-studies`)}</loc></url>\n`;
      // Keyset from the slug before this file's first (one offset read), so no batch sorts past an offset.
      let after: string | undefined;
      if (offset > 0) {
        const [before] = await published(strapi).findMany({ status: 'published', fields: ['slug'], sort: 'slug:asc', start: offset - 1, limit: 1 });
        after = before?.slug;
      }
      for (let left = end - 1 - offset; left > 0; ) {
        const rows = await published(strapi).findMany({
          status: 'published',
          fields: ['slug', 'updatedAt'],
          sort: 'slug:asc',
          ...(after === undefined ? {} : { filters: { slug: { $gt: after } } }),
          limit: Math.min(BATCH, left),
        });
        if (rows.length === 0) break;
        left -= rows.length;
        after = rows[rows.length - 1].slug;
        yield rows
          .map(
            (row) =>
              `<url><loc>${xmlText(`${origin}/case-studies/${row.slug}`)}</loc><lastmod>${new Date(row.updatedAt)
                .toISOString()
                .slice(0, 10)}</lastmod></url>\n`
          )
          .join('');
      }
      yield '</urlset>\n';
    }
    ctx.body = Readable.from(xml());
  };
}

/** GET /robots.txt: the library is for everyone; the council form and the admin panel are not for crawlers. */
export function robotsAction(strapi: Core.Strapi) {
  return (ctx: Context) => {
    const origin = siteUrl(strapi, ctx.origin);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = ['User-agent: *', 'Disallow: /submit', 'Disallow: /admin', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
  };
}
