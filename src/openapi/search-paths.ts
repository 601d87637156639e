import { arrayOf, errorResponse, int, json, nullable, obj, PAGINATION, queryParam, ref, str, type Schema } from './schema-kit';
import { SEARCH_SORTS } from '../search/types';

/** GET /api/case-studies/search and /suggest (src/search/types.ts: SearchResponse, SuggestResponse). */
const SLUGS = { type: 'string', pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$' };
const DATE = str({ format: 'date' });

export const searchComponents = (): Record<string, Schema> => {
  const named = obj({ slug: str(), name: str() });
  const facet = obj({ slug: str(), name: str(), count: int({ minimum: 0 }) });
  return {
    SearchHit: obj({
      documentId: str(),
      title: str(),
      slug: str(),
      summary: str(),
      publicationDate: nullable(DATE),
      topics: arrayOf(named),
      supportTypes: arrayOf(named),
      councils: arrayOf(obj({ slug: str(), name: str(), region: nullable(str()) })),
      snippet: str({ description: 'HTML: the text escaped; only <mark> tags are markup' }),
    }),
    SearchResponse: obj({
      data: arrayOf(ref('SearchHit')),
      meta: obj(
        {
          pagination: PAGINATION,
          facets: obj({ topics: arrayOf(facet), supportTypes: arrayOf(facet) }),
          suggestion: obj({
            q: str(),
            total: int(),
            words: arrayOf(obj({ from: str(), to: str() })),
          }),
        },
        ['suggestion']
      ),
    }),
    SuggestResponse: obj({
      data: arrayOf({
        oneOf: [
          obj({ type: str({ enum: ['title'] }), text: str(), slug: str() }),
          obj({ type: str({ enum: ['word'] }), text: str() }),
        ],
      }),
    }),
  };
};

/** The finder's filters: shared by the search, the export and the feed. */
export const FINDER_FILTERS = [
  queryParam('q', 'Keyword (English full text with stemming), at most 200 characters and 12 words', str({ maxLength: 200 })),
  queryParam('topics', 'Topic slugs, comma-separated (any of them)', SLUGS),
  queryParam('supportTypes', 'Support-type slugs, comma-separated (any of them)', SLUGS),
  queryParam('councils', 'Council slugs, comma-separated (any of them)', SLUGS),
  queryParam('region', 'A council region, e.g. london', str({ pattern: '^[a-z][a-z_]*$' })),
  queryParam('from', 'Published on or after (YYYY-MM-DD)', DATE),
  queryParam('to', 'Published on or before (YYYY-MM-DD)', DATE),
];

export const searchPaths = (): Record<string, unknown> => ({
  '/case-studies/search': {
    get: {
      tags: ['Case studies'],
      summary: 'Search published case studies, with facet counts',
      description:
        'One page of results, the exact total and a count for every topic and support type (each counted under every filter but its own). An unknown parameter or a bad value answers 400 naming it.',
      operationId: 'searchCaseStudies',
      security: [],
      parameters: [
        ...FINDER_FILTERS,
        queryParam('sort', 'relevance (the default with q), date (newest first; the default without), oldest or title', str({ enum: [...SEARCH_SORTS] })),
        queryParam('page', 'Page number', int({ minimum: 1, maximum: 10000 })),
        queryParam('pageSize', 'Results a page (default 10)', int({ minimum: 1, maximum: 100 })),
      ],
      responses: {
        '200': json(ref('SearchResponse')),
        '304': { description: 'Not modified (If-None-Match matched the ETag)' },
        '400': errorResponse('A parameter is unknown or has a bad value (the message starts with its name)'),
      },
    },
  },
  '/case-studies/suggest': {
    get: {
      tags: ['Case studies'],
      summary: 'Search-as-you-type: titles and words completing what was typed',
      operationId: 'suggestCaseStudies',
      security: [],
      parameters: [
        { ...queryParam('q', 'What was typed (at most 100 characters, 6 words; the last word, of 2 or more characters, is completed)', str({ maxLength: 100 })), required: true },
      ],
      responses: {
        '200': json(ref('SuggestResponse')),
        '304': { description: 'Not modified (If-None-Match matched the ETag)' },
        '400': errorResponse('q is missing or bad, or another parameter was sent'),
      },
    },
  },
});
