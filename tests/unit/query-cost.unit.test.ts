import qs from 'qs';
import {
  measureFilters,
  measureSort,
  queryCostProblem,
  type CostLimits,
  type SchemaAttribute,
} from '../../src/lib/query-cost';

// The case study's shape (src/api/case-study/content-types): relations, components, media, itself.
const SCHEMA: Record<string, Record<string, SchemaAttribute>> = {
  'api::case-study.case-study': {
    title: { type: 'string' },
    sections: { type: 'component', component: 'case-study.section' },
    councils: { type: 'relation', target: 'api::council.council' },
    topics: { type: 'relation', target: 'api::topic.topic' },
    supportTypes: { type: 'relation', target: 'api::support-type.support-type' },
    contact: { type: 'component', component: 'case-study.contact' },
    coverImage: { type: 'media' },
    attachments: { type: 'media' },
    externalLinks: { type: 'component', component: 'case-study.link' },
    relatedCaseStudies: { type: 'relation', target: 'api::case-study.case-study' },
    blocks: { type: 'dynamiczone', components: ['case-study.section', 'case-study.link'] },
  },
  'api::topic.topic': { name: { type: 'string' }, slug: { type: 'string' } },
  'api::council.council': { name: { type: 'string' }, region: { type: 'string' } },
  'case-study.section': { heading: { type: 'string' }, image: { type: 'media' } },
  'case-study.link': { url: { type: 'string' } },
  'plugin::upload.file': { name: { type: 'string' }, related: { type: 'relation', target: 'x' } },
};
const schema = (uid: string) => SCHEMA[uid];
const UID = 'api::case-study.case-study';
const LIMITS: CostLimits = {
  populateMaxDepth: 3,
  populateMaxRelations: 20,
  filterMaxDepth: 3,
  filterMaxJoins: 3,
  filterMaxConditions: 50,
};

/** The query as Strapi's query parser (strapi::query: qs, depth 20, arrayLimit 100) gives it. */
const parse = (query: string) => qs.parse(query, { depth: 20, arrayLimit: 100, strictNullHandling: true });
const problem = (query: string, uid: string | undefined = UID) =>
  queryCostProblem(parse(query) as Record<string, unknown>, LIMITS, schema, uid);
const related = (levels: number) => Array(levels).fill('relatedCaseStudies');
const bracketed = (levels: number) =>
  `populate${related(levels)
    .map((r, i) => `[${r}]${i < levels - 1 ? '[populate]' : ''}`)
    .join('')}=true`;

describe('populate within the limits passes', () => {
  it.each([
    'populate=*',
    'populate=topics,councils,supportTypes',
    'populate[0]=topics&populate[1]=supportTypes&populate[2]=councils',
    'populate=relatedCaseStudies.relatedCaseStudies.topics',
    bracketed(3),
    'populate[relatedCaseStudies][populate][relatedCaseStudies][populate]=*',
    'populate[sections][populate][image]=true&populate[coverImage]=true',
    'populate[blocks][on][case-study.section][populate][image]=true',
    'populate[topics][filters][slug][$eq]=prevent&populate[topics][sort]=name:asc',
    'populate[relatedCaseStudies]=false&populate[topics]=true',
  ])('%s', (query) => {
    expect(problem(query)).toBeUndefined();
  });
});

describe('populate beyond the limits is refused, naming the parameter', () => {
  it.each([
    ['populate=' + related(20).join('.'), 'populate', /nests 20 levels deep; at most 3/],
    ['populate[0]=' + related(4).join('.'), 'populate', /nests 4 levels/],
    [bracketed(4), 'populate', /nests 4 levels/],
    [bracketed(10), 'populate', /nests 10 levels/],
    [
      'populate[relatedCaseStudies][populate][relatedCaseStudies][populate][relatedCaseStudies][populate]=*',
      'populate',
      /nests 4 levels/,
    ],
    ['populate=relatedCaseStudies.relatedCaseStudies.relatedCaseStudies.*', 'populate', /nests 4 levels/],
    [
      'populate[blocks][on][case-study.section][populate][image][populate][related][populate]=*',
      'populate',
      /nests 4 levels/,
    ],
    // breadth: 10 attributes, the 10 that * covers under relatedCaseStudies, and a section's image
    [
      'populate[relatedCaseStudies][populate]=*&populate[councils]=true&populate[topics]=true&populate[sections][populate]=*&populate[contact]=true&populate[coverImage]=true&populate[attachments]=true&populate[externalLinks]=true&populate[supportTypes]=true&populate[blocks]=true',
      'populate',
      /populates 21 relations; at most 20/,
    ],
    [
      Array.from({ length: 30 }, (_, i) => `populate[${i}]=topics`).join('&'),
      'populate',
      /populates 30 relations/,
    ],
    [
      'populate[topics][filters][a][b][c][d][e][$eq]=1',
      'populate[topics][filters]',
      /joins through 4 relations/,
    ],
    [
      'populate[relatedCaseStudies][sort]=relatedCaseStudies.relatedCaseStudies.relatedCaseStudies.relatedCaseStudies.title',
      'populate[relatedCaseStudies][sort]',
      /joins through 4/,
    ],
  ])('%s', (query, parameter, message) => {
    const found = problem(query);
    expect(found?.parameter).toBe(parameter);
    expect(found?.message).toMatch(message);
  });

  it('measures without a schema too (a route whose type is unknown): the shape alone counts', () => {
    expect(problem(bracketed(4), undefined)?.message).toMatch(/nests 4 levels/);
    expect(problem('populate=*', undefined)).toBeUndefined();
  });
});

describe('filters and sort', () => {
  it.each([
    ['filters[title][$containsi]=taxi', 0, 0, 1],
    ['filters[topics][slug][$eq]=prevent', 1, 1, 1],
    ['filters[topics][slug][$in][0]=a&filters[topics][slug][$in][1]=b', 1, 1, 1],
    ['filters[topics][slug][$eq]=a&filters[topics][name][$eq]=b', 1, 1, 2],
    ['filters[$or][0][title][$containsi]=a&filters[$or][1][summary][$containsi]=a', 0, 0, 2],
    ['filters[$or][0][topics][slug][$eq]=a&filters[$or][1][councils][slug][$eq]=b', 1, 2, 2],
    ['filters[relatedCaseStudies][relatedCaseStudies][topics][slug][$eq]=x', 3, 3, 1],
    ['filters[$and][0][$or][0][relatedCaseStudies][councils][region][$eq]=london', 2, 2, 1],
    ['filters[$not][relatedCaseStudies][title][$null]=true', 1, 1, 1],
    ['filters[topics]=3', 1, 1, 1],
    ['filters[sections][image][name][$eq]=x', 2, 2, 1],
  ])('%s: depth %i, %i joins, %i condition(s)', (query, depth, joins, conditions) => {
    expect(measureFilters(parse(query).filters, UID, schema)).toEqual({ depth, joins, conditions });
  });

  it('refuses filters joining deeper than the limit, and too many conditions', () => {
    expect(problem('filters' + '[relatedCaseStudies]'.repeat(4) + '[title][$eq]=x')).toEqual({
      parameter: 'filters',
      message: 'joins through 4 relations; at most 3 are allowed',
    });
    const many = Array.from({ length: 51 }, (_, i) => `filters[$or][${i}][title][$containsi]=${i}`).join('&');
    expect(problem(many)).toEqual({
      parameter: 'filters',
      message: 'has 51 conditions; at most 50 are allowed',
    });
  });

  it('refuses filters whose $or branches join too many relations in all (each branch joins its own)', () => {
    const branches = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `filters[$or][${i}][relatedCaseStudies][relatedCaseStudies][topics][name][$containsi]=${i}`
      ).join('&');
    expect(problem(branches(1))).toBeUndefined();
    expect(problem(branches(48))).toEqual({
      parameter: 'filters',
      message: 'joins 144 relations in all; at most 3 are allowed',
    });
  });

  it('adds the joins of filters and sort', () => {
    expect(problem('filters[relatedCaseStudies][topics][slug][$eq]=x&sort=councils.name')).toBeUndefined();
    expect(
      problem('filters[relatedCaseStudies][topics][slug][$eq]=x&sort[0]=councils.name&sort[1]=topics.name')
    ).toEqual({
      parameter: 'filters and sort',
      message: 'joins 4 relations in all; at most 3 are allowed',
    });
  });

  it.each([
    ['title:asc', 0, 0],
    ['topics.name:desc', 1, 1],
    ['relatedCaseStudies.relatedCaseStudies.title', 2, 2],
    ['topics.name,councils.name:asc', 1, 2],
    [['title:asc', 'relatedCaseStudies.councils.name:asc'], 2, 2],
    [{ relatedCaseStudies: { topics: { name: 'asc' } } }, 2, 2],
  ])('sort %j: depth %i, %i joins', (sort, depth, joins) => {
    expect(measureSort(sort, UID, schema)).toEqual({ depth, joins, conditions: 0 });
  });

  it('refuses a sort joining deeper than the limit', () => {
    expect(problem('sort=' + related(4).join('.') + '.title:asc')).toEqual({
      parameter: 'sort',
      message: 'joins through 4 relations; at most 3 are allowed',
    });
  });
});

it('measures the longest query string Node accepts (16 KB) in full', () => {
  expect(problem('populate=' + related(900).join('.'))?.message).toMatch(/nests 900 levels/);
});
