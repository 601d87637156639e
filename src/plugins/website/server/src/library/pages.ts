import type { Context } from 'koa';
import { api, query } from '../pages/api';
import { PageStop } from '../pages/errors';
import { longDate, render } from '../pages/render';

export const PAGE_SIZE = 10;

/** The sorts the listing offers, as Strapi REST sort parameters. */
export const SORTS: Record<string, { text: string; sort: string[] }> = {
  newest: { text: 'Most recent', sort: ['publicationDate:desc', 'title:asc'] },
  oldest: { text: 'Oldest', sort: ['publicationDate:asc', 'title:asc'] },
  title: { text: 'Title (A to Z)', sort: ['title:asc'] },
};

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .map(String)
    .filter((v) => /^[a-z0-9-]{1,100}$/.test(v));

/** The page's query string, turned into Strapi REST filters (topics: any of; support types: any of; both: and). */
export function libraryQuery(q: Record<string, unknown>) {
  const topics = list(q.topics);
  const supportTypes = list(q.supportTypes);
  const keyword = typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '';
  const sort = typeof q.sort === 'string' && SORTS[q.sort] ? q.sort : 'newest';
  const page = Math.max(1, Math.min(1000, Number(q.page) || 1));
  const params: Record<string, string | number | string[]> = {
    'pagination[page]': page,
    'pagination[pageSize]': PAGE_SIZE,
    'populate[0]': 'topics',
    'populate[1]': 'supportTypes',
    'populate[2]': 'councils',
  };
  SORTS[sort].sort.forEach((s, i) => (params[`sort[${i}]`] = s));
  topics.forEach((slug, i) => (params[`filters[topics][slug][$in][${i}]`] = slug));
  supportTypes.forEach((slug, i) => (params[`filters[supportTypes][slug][$in][${i}]`] = slug));
  if (keyword) {
    params['filters[$or][0][title][$containsi]'] = keyword;
    params['filters[$or][1][summary][$containsi]'] = keyword;
  }
  return { topics, supportTypes, keyword, sort, page, apiQuery: query(params) };
}

const withDate = <T extends { publicationDate?: string | null }>(c: T) => ({
  ...c,
  published: c.publicationDate ? longDate(c.publicationDate) : '',
});

const vocabulary = async (ctx: Context, path: string) =>
  (await api(ctx, `${path}${query({ sort: 'name', 'pagination[pageSize]': 100 })}`)).body.data as {
    slug: string;
    name: string;
  }[];

/** Pages of the public library, reading the public REST API as any frontend would. */
export const libraryPages = {
  async list(ctx: Context) {
    const params = libraryQuery(ctx.query as Record<string, unknown>);
    const [results, topics, supportTypes] = await Promise.all([
      api(ctx, `/api/case-studies${params.apiQuery}`),
      vocabulary(ctx, '/api/topics'),
      vocabulary(ctx, '/api/support-types'),
    ]);
    const { pagination } = results.body.meta;
    const pageHref = (page: number) =>
      `/case-studies${query({ q: params.keyword, topics: params.topics, supportTypes: params.supportTypes, sort: params.sort, page })}`;
    render(ctx, 'library', {
      ...params,
      caseStudies: results.body.data.map(withDate),
      total: pagination.total,
      topics: topics.map((t) => ({ value: t.slug, text: t.name, checked: params.topics.includes(t.slug) })),
      supportTypes: supportTypes.map((t) => ({
        value: t.slug,
        text: t.name,
        checked: params.supportTypes.includes(t.slug),
      })),
      sorts: Object.entries(SORTS).map(([value, s]) => ({
        value,
        text: s.text,
        selected: value === params.sort,
      })),
      paging: {
        previous: pagination.page > 1 ? { href: pageHref(pagination.page - 1) } : undefined,
        next: pagination.page < pagination.pageCount ? { href: pageHref(pagination.page + 1) } : undefined,
        items: Array.from({ length: pagination.pageCount }, (_, i) => ({
          number: i + 1,
          href: pageHref(i + 1),
          current: i + 1 === pagination.page,
        })),
      },
    });
  },

  async show(ctx: Context) {
    const slug = String(ctx.params.slug);
    if (!/^[a-z0-9-]{1,220}$/.test(slug)) throw new PageStop(404);
    const res = await api(
      ctx,
      `/api/case-studies${query({ 'filters[slug][$eq]': slug, 'populate[0]': 'topics', 'populate[1]': 'supportTypes', 'populate[2]': 'councils', 'populate[3]': 'sections', 'populate[4]': 'contact', 'populate[5]': 'externalLinks' })}`
    );
    const caseStudy = res.body.data?.[0];
    if (!caseStudy) throw new PageStop(404);
    render(ctx, 'case-study', {
      caseStudy: withDate(caseStudy),
      // Rich text is shown as plain paragraphs: escaped, never interpreted as HTML.
      sections: (caseStudy.sections ?? []).map((s: { heading: string; body: string }) => ({
        heading: s.heading,
        paragraphs: String(s.body ?? '')
          .split(/\n\s*\n/)
          .map((p) => p.replace(/^#+\s*/, '').trim())
          .filter(Boolean),
      })),
    });
  },
};
