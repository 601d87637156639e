import type { Core } from '@strapi/strapi';
import type { SearchQuery, SearchResponse } from '../search/types';
import { READ_POPULATE, type StoredCaseStudy } from './record';

const UID = 'api::case-study.case-study';

type Filters = Record<string, unknown>;

/** The finder's filters (a parsed search query) as Document Service filters, the keyword aside. */
export function documentFilters(query: SearchQuery): Filters[] {
  const and: Filters[] = [];
  if (query.topics.length) and.push({ topics: { slug: { $in: query.topics } } });
  if (query.supportTypes.length) and.push({ supportTypes: { slug: { $in: query.supportTypes } } });
  if (query.councils.length) and.push({ councils: { slug: { $in: query.councils } } });
  if (query.region) and.push({ councils: { region: { $eq: query.region } } });
  if (query.from) and.push({ publicationDate: { $gte: query.from } });
  if (query.to) and.push({ publicationDate: { $lte: query.to } });
  return and;
}

const documents = (strapi: Core.Strapi) =>
  strapi.documents(UID) as unknown as {
    findMany(params: Record<string, unknown>): Promise<StoredCaseStudy[]>;
  };

/**
 * Published case studies matching the finder's filters, a batch at a time (keyset on the slug, so
 * page 1,000 costs what page 1 does and only one batch is ever in memory). With a keyword, the
 * search decides which match, in its own order, a page at a time.
 */
export async function* publishedCaseStudies(
  strapi: Core.Strapi,
  query: SearchQuery,
  batchSize: number,
  fields?: { fields: string[]; populate: Record<string, unknown> }
): AsyncGenerator<StoredCaseStudy[]> {
  const read = fields ?? { fields: undefined, populate: READ_POPULATE };
  if (query.words.length) {
    yield* keywordMatches(strapi, query, read);
    return;
  }
  const filters = documentFilters(query);
  let after: string | undefined;
  for (;;) {
    const batch = await documents(strapi).findMany({
      status: 'published',
      filters: { $and: [...filters, ...(after === undefined ? [] : [{ slug: { $gt: after } }])] },
      sort: 'slug:asc',
      limit: batchSize,
      ...(read.fields ? { fields: read.fields } : {}),
      populate: read.populate,
    });
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].slug;
  }
}

const SEARCH_PAGE = 100; // the search's largest page

async function* keywordMatches(
  strapi: Core.Strapi,
  query: SearchQuery,
  read: { fields?: string[]; populate: Record<string, unknown> }
): AsyncGenerator<StoredCaseStudy[]> {
  const search = strapi.service('api::case-study.search') as unknown as {
    search(query: SearchQuery): Promise<SearchResponse>;
  };
  for (let page = 1; ; page++) {
    const found = await search.search({ ...query, page, pageSize: SEARCH_PAGE });
    const slugs = found.data.map((hit) => hit.slug);
    if (slugs.length) {
      const rows = await documents(strapi).findMany({
        status: 'published',
        filters: { slug: { $in: slugs } },
        ...(read.fields ? { fields: read.fields } : {}),
        populate: read.populate,
      });
      const bySlug = new Map(rows.map((row) => [row.slug, row]));
      yield slugs.map((slug) => bySlug.get(slug)).filter((row): row is StoredCaseStudy => Boolean(row));
    }
    if (page >= found.meta.pagination.pageCount) return;
  }
}

/** Every heading used by a published case study's sections (the CSV's section columns). */
export async function publishedSectionHeadings(strapi: Core.Strapi): Promise<string[]> {
  const caseStudies = strapi.db.metadata.get(UID);
  const sections = strapi.db.metadata.get('case-study.section');
  const join = (caseStudies.attributes.sections as unknown as {
    joinTable: {
      name: string;
      joinColumn: { name: string };
      inverseJoinColumn: { name: string };
      on: { field: string };
    };
  }).joinTable;
  const rows: Array<{ heading: string }> = await strapi.db
    .connection(`${sections.tableName} as s`)
    .join(`${join.name} as j`, `j.${join.inverseJoinColumn.name}`, 's.id')
    .join(`${caseStudies.tableName} as c`, 'c.id', `j.${join.joinColumn.name}`)
    .where('j.component_type', 'case-study.section')
    .where('j.field', join.on.field)
    .whereNotNull('c.published_at')
    .distinct('s.heading')
    .limit(10_000);
  return rows.map((row) => row.heading);
}
