import fs from 'fs';
import path from 'path';
import type { Core, UID } from '@strapi/strapi';

interface NamedEntry {
  slug: string;
  name: string;
  description?: string;
}
interface CouncilEntry extends NamedEntry {
  kind: string;
  region: string;
  website: string;
  emailDomains: string[];
}
interface CaseStudyEntry {
  slug: string;
  title: string;
  summary: string;
  publicationDate: string;
  councils: string[];
  topics: string[];
  supportTypes: string[];
  /** The listing's own sentences under illustrative headings (see the file's "about"). */
  sections?: Array<{ heading: string; body: string }>;
}
export interface SampleData {
  topics: NamedEntry[];
  supportTypes: NamedEntry[];
  councils: CouncilEntry[];
  caseStudies: CaseStudyEntry[];
}

export interface SeedReport {
  created: Record<string, number>;
  existing: Record<string, number>;
}

export function readSampleData(appRoot: string): SampleData {
  const file = path.join(appRoot, 'database', 'seed', 'sample-data.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SampleData;
}

/**
 * Loads the sample data, matching on slug. Idempotent: what exists (even if an editor changed it
 * since) is left alone, so running it again changes nothing.
 */
export async function seedSampleData(strapi: Core.Strapi, data: SampleData): Promise<SeedReport> {
  const report: SeedReport = { created: {}, existing: {} };

  const ensure = async (
    uid: UID.CollectionType,
    entries: Array<{ slug: string } & Record<string, unknown>>,
    status?: 'published'
  ): Promise<Map<string, string>> => {
    const ids = new Map<string, string>();
    for (const { slug, ...rest } of entries) {
      const found = await strapi
        .documents(uid)
        .findFirst({ filters: { slug }, status: status ?? 'draft' } as never);
      if (found) {
        ids.set(slug, found.documentId);
        report.existing[uid] = (report.existing[uid] ?? 0) + 1;
        continue;
      }
      const created = await strapi.documents(uid).create({ data: { slug, ...rest }, status } as never);
      ids.set(slug, created.documentId);
      report.created[uid] = (report.created[uid] ?? 0) + 1;
    }
    return ids;
  };

  const topics = await ensure('api::topic.topic', data.topics as never);
  const supportTypes = await ensure('api::support-type.support-type', data.supportTypes as never);
  const councils = await ensure('api::council.council', data.councils as never);

  const lookup = (ids: Map<string, string>, slugs: string[], what: string) =>
    slugs.map((slug) => {
      const id = ids.get(slug);
      if (!id) throw new Error(`Sample data: unknown ${what} "${slug}"`);
      return id;
    });

  await ensure(
    'api::case-study.case-study',
    data.caseStudies.map((study) => ({
      slug: study.slug,
      title: study.title,
      summary: study.summary,
      publicationDate: study.publicationDate,
      sections: study.sections?.length ? study.sections : [{ heading: 'Introduction', body: study.summary }],
      councils: lookup(councils, study.councils, 'council'),
      topics: lookup(topics, study.topics, 'topic'),
      supportTypes: lookup(supportTypes, study.supportTypes, 'support type'),
    })),
    'published'
  );
  return report;
}

const SEED_STORE = { type: 'core', name: 'sample-data' } as const;

/** On the first boot of a new database, load the sample data once; never again after that. */
export async function seedOnFirstRun(strapi: Core.Strapi): Promise<void> {
  if (!strapi.config.get('sample-data.loadOnFirstStart', true)) return;
  const store = strapi.store(SEED_STORE);
  if (await store.get({ key: 'loadedAt' })) return;
  const report = await seedSampleData(strapi, readSampleData(strapi.dirs.app.root));
  await store.set({ key: 'loadedAt', value: new Date().toISOString() });
  strapi.log.info(`Sample data loaded: ${JSON.stringify(report.created)}`);
}
