import type { Core } from '@strapi/strapi';
import { sample, councilBySlug } from '../helpers/sample-data';

export const UID = 'api::case-study.case-study';

/** One published case study as the oracle knows it: what a brute-force count is taken over. */
export interface Known {
  slug: string;
  title: string;
  text: string;
  publicationDate: string;
  topics: string[];
  supportTypes: string[];
  councils: string[];
  regions: string[];
}

const regionsOf = (councils: string[]) => [
  ...new Set(councils.map((c) => councilBySlug.get(c)?.region ?? '')),
];

export function knownSample(): Known[] {
  return sample.caseStudies.map((s) => ({
    slug: s.slug,
    title: s.title,
    text: [s.title, s.summary, ...(s.sections ?? []).flatMap((x) => [x.heading, x.body])].join(' '),
    publicationDate: s.publicationDate,
    topics: s.topics,
    supportTypes: s.supportTypes,
    councils: s.councils,
    regions: regionsOf(s.councils),
  }));
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

// Words the sample data does not contain, so that keyword oracles are exact.
export const THEMES = [
  'volunteering scheme for older residents',
  'allotment gardens and food growing',
  'digital inclusion hubs',
];

/** Creates `count` published case studies with a spread of topics, support types, councils, dates and themes. */
export async function addGenerated(strapi: Core.Strapi, count: number, seed = 7): Promise<Known[]> {
  const random = prng(seed);
  const pick = <T>(items: T[], min: number, max: number): T[] => {
    const n = min + Math.floor(random() * (max - min + 1));
    return [...items].sort(() => random() - 0.5).slice(0, n);
  };
  const ids = async (uid: 'api::topic.topic' | 'api::support-type.support-type' | 'api::council.council') =>
    new Map(
      (
        (await strapi.documents(uid).findMany({ limit: 1000 } as never)) as Array<{
          slug: string;
          documentId: string;
        }>
      ).map((d) => [d.slug, d.documentId])
    );
  const [topicIds, supportIds, councilIds] = await Promise.all([
    ids('api::topic.topic'),
    ids('api::support-type.support-type'),
    ids('api::council.council'),
  ]);
  const known: Known[] = [];
  for (let i = 0; i < count; i++) {
    const topics = pick([...topicIds.keys()], 1, 3);
    const supportTypes = pick([...supportIds.keys()], 0, 2);
    const councils = pick([...councilIds.keys()], 0, 2);
    const theme = THEMES[i % THEMES.length];
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const publicationDate = `${2016 + (i % 8)}-${month}-1${i % 10}`;
    const title = `Generated study ${String(i).padStart(3, '0')}: ${theme}`;
    const body = `The council ran a ${theme}. Residents & partners said "costs < benefits" and took part over ${i + 2} months.`;
    const created = (await strapi.documents(UID).create({
      data: {
        title,
        summary: `A short account of a ${theme.split(' ')[0]} project.`,
        sections: [{ heading: 'What happened', body }],
        publicationDate,
        topics: topics.map((t) => topicIds.get(t)),
        supportTypes: supportTypes.map((s) => supportIds.get(s)),
        councils: councils.map((c) => councilIds.get(c)),
      },
      status: 'published',
    } as never)) as { slug: string };
    known.push({
      slug: created.slug,
      title,
      text: `${title} A short account of a ${theme.split(' ')[0]} project. What happened ${body}`,
      publicationDate,
      topics,
      supportTypes,
      councils,
      regions: regionsOf(councils),
    });
  }
  return known;
}

/** What a search asks, as the oracle reads it: a keyword is a list of stems every one of which must start a word. */
export interface Filters {
  stems?: string[];
  topics?: string[];
  supportTypes?: string[];
  councils?: string[];
  region?: string;
  from?: string;
  to?: string;
}

export const hasWord = (k: { text: string }, stem: string) => new RegExp(`\\b${stem}`, 'i').test(k.text);

/** Does a study pass the filters (all but one facet's own, for that facet's counts)? */
export function passes(k: Known, f: Filters, except?: 'topics' | 'supportTypes'): boolean {
  const anyOf = (have: string[], want?: string[]) => !want?.length || want.some((w) => have.includes(w));
  return (
    (f.stems ?? []).every((s) => hasWord(k, s)) &&
    (except === 'topics' || anyOf(k.topics, f.topics)) &&
    (except === 'supportTypes' || anyOf(k.supportTypes, f.supportTypes)) &&
    anyOf(k.councils, f.councils) &&
    (!f.region || k.regions.includes(f.region)) &&
    (!f.from || k.publicationDate >= f.from) &&
    (!f.to || k.publicationDate <= f.to)
  );
}

/** Brute-force facet counts: every value of the vocabulary (0 included), each facet under the other filters. */
export function expectedFacets(known: Known[], f: Filters) {
  const count = (field: 'topics' | 'supportTypes', vocabulary: Array<{ slug: string }>) => {
    const pool = known.filter((k) => passes(k, f, field));
    return Object.fromEntries(vocabulary.map((v) => [v.slug, pool.filter((k) => k[field].includes(v.slug)).length]));
  };
  return { topics: count('topics', sample.topics), supportTypes: count('supportTypes', sample.supportTypes) };
}
