import { Feed } from 'feed';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { openDataConfig } from '../../../../../open-data/config';
import type { SearchQuery, SearchResponse } from '../../../../../search/types';
import { siteUrl, websiteConfig } from '../config';
import { licenceHeaders } from './export';
import { filterParams, parseFilters, queryString } from './filters';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * GET /case-studies/feed.atom: the newest published case studies (by publication date) under the
 * finder's filters, so a reader can follow one topic. The search picks them; each entry's `updated`
 * is when its published version last changed.
 */
export function feedAction(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    const query = parseFilters(ctx.query as Record<string, unknown>);
    const { feedSize, licence } = openDataConfig(strapi);
    const search = strapi.service('api::case-study.search') as unknown as {
      search(query: SearchQuery): Promise<SearchResponse>;
    };
    const found = await search.search({ ...query, sort: 'date', page: 1, pageSize: feedSize });
    const changed = (await strapi.documents('api::case-study.case-study').findMany({
      status: 'published',
      filters: { slug: { $in: found.data.map((hit) => hit.slug) } },
      fields: ['slug', 'updatedAt'],
    } as never)) as unknown as Array<{ slug: string; updatedAt: string }>;
    const updatedAt = new Map(changed.map((row) => [row.slug, new Date(row.updatedAt)]));

    const origin = siteUrl(strapi, ctx.origin);
    const { siteName, organisation } = websiteConfig(strapi);
    const filters = queryString(filterParams(query));
    const dates = [...updatedAt.values()].map((d) => d.getTime());
    const feed = new Feed({
      id: `${origin}/case-studies/feed.atom${filters}`,
      title: filters ? `${siteName}: case studies (filtered)` : `${siteName}: case studies`,
      description: 'Newly published case studies',
      link: `${origin}/case-studies${filters}`,
      feedLinks: { atom: `${origin}/case-studies/feed.atom${filters}` },
      updated: new Date(dates.length ? Math.max(...dates) : 0),
      generator: siteName,
      language: 'en',
      author: { name: organisation || siteName, link: origin },
      copyright: `${licence.name}${licence.url ? ` (${licence.url})` : ''}`,
    });
    for (const hit of found.data) {
      const url = `${origin}/case-studies/${hit.slug}`;
      const published = hit.publicationDate ? new Date(`${hit.publicationDate}T00:00:00Z`) : undefined;
      feed.addItem({
        // Atom "html" text: plain text escaped once, so a title is never read as markup.
        title: escapeHtml(hit.title),
        id: url,
        link: url,
        date: updatedAt.get(hit.slug) ?? published ?? new Date(0),
        published,
        description: escapeHtml(hit.summary),
        author: hit.councils.map((council) => ({ name: council.name })),
        category: hit.topics.map((topic) => ({ name: topic.name, term: topic.slug })),
      });
    }
    licenceHeaders(strapi, ctx);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/atom+xml; charset=utf-8';
    ctx.body = feed.atom1();
  };
}
