import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PageStop } from '../pages/errors';
import { longDate, render, type FieldError } from '../pages/render';
import { paginationOf } from './paging';
import { backToResults, filterParams, libraryHref, libraryQuery, searchParams, type LibraryQuery } from './query';
import { searchLibrary, type SearchResponse } from './search';
import { libraryView, type CouncilOption } from './view';

export { libraryQuery, searchParams, PAGE_SIZE, SORTS } from './query';

/** The fields a search can refuse, by the search API's parameter name: the page's field and label. */
const FIELDS: Record<string, { key: keyof LibraryQuery; label: string }> = {
  q: { key: 'keyword', label: 'Search by keyword' },
  from: { key: 'from', label: 'Published from' },
  to: { key: 'to', label: 'Published to' },
};

const explain = (param: string, message: string): string =>
  /YYYY-MM-DD/.test(message)
    ? `${FIELDS[param].label} must be a year, such as 2019, or a date written 2019-03-27`
    : message === 'must not be after to'
      ? 'Published from must not be after published to'
      : `${FIELDS[param].label}: ${message}`;

/**
 * The search, or what was wrong with the question: each refused field is named in the error summary
 * and left out, and the search run again without it (the facets still show; the list is empty).
 */
async function searchOrExplain(strapi: Core.Strapi, params: LibraryQuery) {
  const errors: FieldError[] = [];
  let asked = params;
  for (;;) {
    try {
      const results = await searchLibrary(strapi, searchParams(asked));
      if (!errors.length) return { results, errors };
      const pagination = { page: 1, pageSize: results.meta.pagination.pageSize, pageCount: 0, total: 0 };
      return { results: { data: [], meta: { ...results.meta, pagination } } as SearchResponse, errors };
    } catch (error) {
      const message = (error as Error).message;
      const param = message.split(':')[0];
      if ((error as { name?: string }).name !== 'ValidationError' || !FIELDS[param] || errors.length > 3) throw error;
      errors.push({ href: `#${param}`, text: explain(param, message.replace(/^[^:]*: /, '')) });
      asked = { ...asked, [FIELDS[param].key]: '' };
      if (!asked.keyword && asked.sort === 'relevance') asked = { ...asked, sort: 'newest' };
    }
  }
}

async function councilOptions(strapi: Core.Strapi): Promise<CouncilOption[]> {
  return (await strapi.documents('api::council.council').findMany({
    fields: ['name', 'slug'],
    sort: 'name:asc',
    limit: 1000,
  } as never)) as unknown as CouncilOption[];
}

/** The public library: the search service for the list, the Document Service for a case study. */
export function libraryPages(strapi: Core.Strapi) {
  return {
    async list(ctx: Context) {
      const params = libraryQuery(ctx.query as Record<string, unknown>);
      const [{ results, errors }, councils] = await Promise.all([
        searchOrExplain(strapi, params),
        councilOptions(strapi),
      ]);
      const { pagination } = results.meta;
      // A page past the end is not an empty list: it is not found, with the way back to page 1.
      if (!errors.length && params.page > Math.max(1, pagination.pageCount)) {
        return render(ctx, 'library-past-end', { firstPage: libraryHref(params, 1), total: pagination.total }, 404);
      }
      render(
        ctx,
        'library',
        {
          ...libraryView(params, results, councils),
          errors,
          // The open-data links take the filters as the search API reads them (ISO dates, slugs).
          openDataQuery: filterParams(params),
          paging: paginationOf(pagination.page, pagination.pageCount, (page) => libraryHref(params, page)),
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
          coverImage: { fields: ['url', 'name', 'mime'] },
          attachments: { fields: ['url', 'name', 'ext', 'size', 'mime'] },
          contact: true,
          externalLinks: true,
        },
      } as never)) as unknown as
        | ({ publicationDate?: string | null; sections?: { heading: string; body: string }[] } & Record<string, unknown>)
        | null;
      if (!caseStudy) throw new PageStop(404);
      render(ctx, 'case-study', {
        caseStudy: {
          ...caseStudy,
          published: caseStudy.publicationDate ? longDate(caseStudy.publicationDate) : '',
        },
        backToResults: backToResults(ctx.query.back),
        // Only our own uploads (or a storage provider's https URLs): never a script or data URL.
        cover: servable(caseStudy.coverImage),
        documents: ((caseStudy.attachments ?? []) as UploadedFile[]).filter((f) => servable(f)).map((f) => ({
          ...f,
          kind: String(f.ext ?? '').replace(/^\./, '').toUpperCase(),
          size: f.size >= 1024 ? `${(f.size / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(f.size))} KB`,
        })),
        // Shown as plain paragraphs with their line breaks (the view's markdownParagraphs filter), never as HTML.
        sections: (caseStudy.sections ?? []).map((s) => ({ heading: s.heading, body: String(s.body ?? '') })),
      });
    },
  };
}

/** An upload as the Document Service returns it (size in KB, as Strapi's upload plugin keeps it). */
interface UploadedFile {
  url: string;
  name: string;
  ext?: string;
  size: number;
  mime?: string;
}

const servable = (file: unknown): UploadedFile | undefined => {
  const url = (file as UploadedFile | null)?.url;
  return typeof url === 'string' && /^(\/uploads\/|https:\/\/)/.test(url) ? (file as UploadedFile) : undefined;
};
