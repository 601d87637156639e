import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PageStop } from '../pages/errors';
import { query } from '../pages/query';
import { longDate, render, type FieldError } from '../pages/render';
import { searchLibrary, type SearchResponse } from './search';

export const PAGE_SIZE = 10;
const MAX_PAGE = 10_000;

/** The sorts the listing offers, as the search service's sorts. Relevance only means something with a keyword. */
export const SORTS: Record<string, { text: string; search: string; needsKeyword?: boolean }> = {
  relevance: { text: 'Most relevant', search: 'relevance', needsKeyword: true },
  newest: { text: 'Most recent', search: 'date' },
  title: { text: 'Title (A to Z)', search: 'title' },
};

const list = (value: unknown): string[] =>
  [...new Set((Array.isArray(value) ? value : value ? [value] : []).map(String))].filter((v) =>
    /^[a-z0-9-]{1,100}$/.test(v)
  );

/** The page's query string: topics and support types are repeated checkboxes; the rest as typed. */
export function libraryQuery(q: Record<string, unknown>) {
  const topics = list(q.topics).slice(0, 50);
  const supportTypes = list(q.supportTypes).slice(0, 50);
  const keyword = typeof q.q === 'string' ? q.q.trim() : '';
  const fallback = keyword ? 'relevance' : 'newest';
  const asked = typeof q.sort === 'string' ? SORTS[q.sort] : undefined;
  const sort = asked && (!asked.needsKeyword || keyword) ? (q.sort as string) : fallback;
  const page = Math.max(1, Math.min(MAX_PAGE, Math.floor(Number(q.page)) || 1));
  return { topics, supportTypes, keyword, sort, page };
}

type LibraryQuery = ReturnType<typeof libraryQuery>;

/** The same question in the search API's words (comma-separated slugs, its sort names). */
export const searchParams = (p: LibraryQuery): Record<string, string> => ({
  ...(p.keyword ? { q: p.keyword } : {}),
  ...(p.topics.length ? { topics: p.topics.join(',') } : {}),
  ...(p.supportTypes.length ? { supportTypes: p.supportTypes.join(',') } : {}),
  sort: SORTS[p.sort].search,
  page: String(p.page),
  pageSize: String(PAGE_SIZE),
});

const withDate = <T extends { publicationDate?: string | null }>(c: T) => ({
  ...c,
  published: c.publicationDate ? longDate(c.publicationDate) : '',
});

const EMPTY: SearchResponse = {
  data: [],
  meta: { pagination: { page: 1, pageSize: PAGE_SIZE, pageCount: 0, total: 0 }, facets: { topics: [], supportTypes: [] } },
};

/** The public library: the search service for the list, the Document Service for a case study. */
export function libraryPages(strapi: Core.Strapi) {
  return {
    async list(ctx: Context) {
      const params = libraryQuery(ctx.query as Record<string, unknown>);
      const errors: FieldError[] = [];
      let results = EMPTY;
      try {
        // One call: the page of results, the total and every topic and support type (the facets).
        results = await searchLibrary(strapi, searchParams(params));
      } catch (error) {
        if ((error as { name?: string }).name !== 'ValidationError') throw error;
        // Only the keyword can be wrong here (too long, too many words, no letters): say so beside it.
        const message = (error as Error).message.replace(/^q: /, '');
        errors.push({ href: '#q', text: `Search by keyword: ${message}` });
        results = await searchLibrary(strapi, searchParams({ ...params, keyword: '', sort: 'newest' }));
        results = { ...results, data: [], meta: { ...results.meta, pagination: EMPTY.meta.pagination } };
      }
      const { pagination, facets } = results.meta;
      const pageHref = (page: number) =>
        `/case-studies${query({ q: params.keyword, topics: params.topics, supportTypes: params.supportTypes, sort: params.sort, page })}`;
      render(
        ctx,
        'library',
        {
          ...params,
          errors,
          caseStudies: results.data.map(withDate),
          total: pagination.total,
          topics: facets.topics.map((t) => ({ value: t.slug, text: t.name, checked: params.topics.includes(t.slug) })),
          supportTypes: facets.supportTypes.map((t) => ({
            value: t.slug,
            text: t.name,
            checked: params.supportTypes.includes(t.slug),
          })),
          sorts: Object.entries(SORTS)
            .filter(([, s]) => !s.needsKeyword || params.keyword)
            .map(([value, s]) => ({ value, text: s.text, selected: value === params.sort })),
          paging: {
            previous: pagination.page > 1 ? { href: pageHref(pagination.page - 1) } : undefined,
            next: pagination.page < pagination.pageCount ? { href: pageHref(pagination.page + 1) } : undefined,
            items: Array.from({ length: Math.min(pagination.pageCount, 1000) }, (_, i) => ({
              number: i + 1,
              href: pageHref(i + 1),
              current: i + 1 === pagination.page,
            })),
          },
        },
        errors.length ? 400 : 200
      );
    },

    async show(ctx: Context) {
      const slug = String(ctx.params.slug);
      if (!/^[a-z0-9-]{1,220}$/.test(slug)) throw new PageStop(404);
      const caseStudy = (await strapi.documents('api::case-study.case-study').findFirst({
        filters: { slug },
        status: 'published',
        populate: {
          topics: { fields: ['name', 'slug'] },
          supportTypes: { fields: ['name', 'slug'] },
          councils: { fields: ['name', 'slug', 'region'] },
          sections: true,
          contact: true,
          externalLinks: true,
        },
      } as never)) as unknown as
        | ({ publicationDate?: string | null; sections?: { heading: string; body: string }[] } & Record<string, unknown>)
        | null;
      if (!caseStudy) throw new PageStop(404);
      render(ctx, 'case-study', {
        caseStudy: withDate(caseStudy),
        // Shown as plain paragraphs with their line breaks (the view's markdownParagraphs filter), never as HTML.
        sections: (caseStudy.sections ?? []).map((s) => ({ heading: s.heading, body: String(s.body ?? '') })),
      });
    },
  };
}
