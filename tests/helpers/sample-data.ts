import path from 'path';
import { readSampleData } from '../../dist/src/seed/sample-data';

/** The sample data file, read independently of the API: the oracle the API's answers are checked against. */
export const sample = readSampleData(path.join(__dirname, '..', '..'));

type Study = (typeof sample.caseStudies)[number];

export const councilBySlug = new Map(sample.councils.map((c) => [c.slug, c]));

export function slugsWhere(predicate: (study: Study) => boolean): string[] {
  return sample.caseStudies
    .filter(predicate)
    .map((s) => s.slug)
    .sort();
}
