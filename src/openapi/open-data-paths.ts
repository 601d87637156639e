import { FINDER_FILTERS } from './search-paths';
import { arrayOf, errorResponse, mapOf, nullable, obj, ref, str, type Schema } from './schema-kit';

/** The open-data downloads (src/open-data/record.ts: OpenDataDocument), served at the site's root, not /api. */
export const openDataComponents = (): Record<string, Schema> => {
  const named = obj({ slug: str(), name: str() });
  return {
    OpenCaseStudy: obj({
      slug: str(),
      title: str(),
      summary: str(),
      publicationDate: nullable(str({ format: 'date' })),
      url: str({ format: 'uri' }),
      councils: arrayOf(named),
      topics: arrayOf(named),
      supportTypes: arrayOf(named),
      sections: arrayOf(obj({ heading: str(), body: str() })),
      contact: nullable(obj({ name: str(), role: nullable(str()), email: nullable(str()) })),
      externalLinks: arrayOf(obj({ label: str(), url: str() })),
      relatedCaseStudies: arrayOf(str()),
      coverImage: nullable(str()),
      attachments: arrayOf(obj({ name: str(), url: str() })),
    }),
    OpenDataDocument: obj({
      meta: obj({
        title: str(),
        licence: obj({ name: str(), url: str() }),
        source: str(),
        filters: mapOf(str()),
      }),
      data: arrayOf(ref('OpenCaseStudy')),
    }),
  };
};

const SITE = [{ url: '/', description: 'The site itself (not under /api)' }];
const download = (summary: string, type: string, schema: Schema, operationId: string) => ({
  servers: SITE,
  get: {
    tags: ['Case studies'],
    summary,
    operationId,
    security: [],
    parameters: FINDER_FILTERS,
    responses: {
      '200': {
        description: 'Streamed; the licence is in the `Link: <...>; rel="license"` header',
        content: { [type]: { schema } },
      },
      '400': errorResponse('A filter is unknown or has a bad value (the message starts with its name)'),
    },
  },
});

export const openDataPaths = (): Record<string, unknown> => ({
  '/case-studies/export.json': download(
    'The published library (or its filtered part) as open data, JSON',
    'application/json',
    ref('OpenDataDocument'),
    'exportJson'
  ),
  '/case-studies/export.csv': download(
    'The same as CSV: one row a case study, lists separated by "; ", a column per section heading',
    'text/csv',
    str(),
    'exportCsv'
  ),
  '/case-studies/feed.atom': download(
    'Atom feed of the newest published case studies under the filters',
    'application/atom+xml',
    str(),
    'feedAtom'
  ),
});
