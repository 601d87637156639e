import type { Core } from '@strapi/strapi';
import { READ_POPULATE, type StoredCaseStudy } from '../open-data/record';
import { parseFile } from './parse-file';
import { duplicateSlugProblems, rowProblems } from './text-checks';
import { problem, type ImportRow, type Problem } from './types';
import { TERM_TYPES, Vocabulary, type TermField } from './vocabulary';

const UID = 'api::case-study.case-study';
const CHUNK = 100;

export interface ImportOptions {
  dryRun?: boolean;
  publish?: boolean;
  createMissing?: boolean;
  atomic?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  problems: Problem[];
  createdTerms: string[];
  notes: string[];
  /** Nothing was written: a dry run, a problem with the file, or --atomic with a problem. */
  nothingWritten: boolean;
}

/** A row with its relations resolved to slugs, ready to compare and write. */
interface Planned {
  row: ImportRow;
  terms: Record<TermField, string[]>;
}

/** What a case study says, in one comparable form: the same for a row and for a stored version. */
function content(source: {
  title: string;
  summary: string;
  publicationDate?: string | null;
  sections?: Array<{ heading: string; body: string }>;
  contact?: { name: string; role?: string | null; email?: string | null } | null;
  externalLinks?: Array<{ label: string; url: string }>;
  councils: string[];
  topics: string[];
  supportTypes: string[];
  related: string[];
}): string {
  return JSON.stringify({
    title: source.title,
    summary: source.summary,
    publicationDate: source.publicationDate ?? null,
    sections: (source.sections ?? []).map(({ heading, body }) => ({ heading, body })),
    contact: source.contact ? { name: source.contact.name, role: source.contact.role ?? null, email: source.contact.email ?? null } : null,
    externalLinks: (source.externalLinks ?? []).map(({ label, url }) => ({ label, url })),
    councils: [...source.councils].sort(),
    topics: [...source.topics].sort(),
    supportTypes: [...source.supportTypes].sort(),
    related: [...source.related].sort(),
  });
}

const storedContent = (doc: StoredCaseStudy) =>
  content({
    ...doc,
    councils: (doc.councils ?? []).map((t) => t.slug),
    topics: (doc.topics ?? []).map((t) => t.slug),
    supportTypes: (doc.supportTypes ?? []).map((t) => t.slug),
    related: (doc.relatedCaseStudies ?? []).map((r) => r.slug),
  });

const plannedContent = ({ row, terms }: Planned) => content({ ...row, ...terms, related: row.relatedCaseStudies });

type Documents = {
  findMany(params: Record<string, unknown>): Promise<Array<StoredCaseStudy & { documentId: string }>>;
  create(params: Record<string, unknown>): Promise<{ documentId: string }>;
  update(params: Record<string, unknown>): Promise<{ documentId: string }>;
  publish(params: Record<string, unknown>): Promise<unknown>;
};

/** Problems from a failed write, by field when Strapi names them. */
function writeProblems(where: string, error: unknown): Problem[] {
  const details = (error as { details?: { errors?: Array<{ path?: string[]; message: string }> } }).details;
  if (details?.errors?.length)
    return details.errors.map((e) => problem(where, (e.path ?? []).join('.') || 'row', e.message));
  return [problem(where, 'row', (error as Error).message)];
}

/**
 * Imports a CSV or JSON file of case studies through the Document Service (so the input checks,
 * the published-only rules, the search index and webhooks all apply): every row is checked first;
 * then each is upserted by slug in its own transaction (or all in one, with `atomic`).
 */
export async function runImport(strapi: Core.Strapi, fileName: string, bytes: Buffer, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = parseFile(fileName, bytes);
  const report: ImportReport = {
    rows: parsed.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    problems: [...parsed.problems],
    createdTerms: [],
    notes: [],
    nothingWritten: true,
  };
  if (parsed.fatal) return report;
  const documents = strapi.documents(UID) as unknown as Documents;

  // 1. Check every row, resolve its topics, support types and councils.
  const vocabularies = {} as Record<TermField, Vocabulary>;
  for (const field of Object.keys(TERM_TYPES) as TermField[]) vocabularies[field] = await Vocabulary.load(strapi, field);
  const bad = new Set<string>();
  const rowIssues = [...parsed.rows.flatMap((row) => rowProblems(row, { publish: Boolean(options.publish) })), ...duplicateSlugProblems(parsed.rows)];
  const planned: Planned[] = [];
  for (const row of parsed.rows) {
    const terms = {} as Record<TermField, string[]>;
    const issues = rowIssues.filter((p) => p.where === row.where);
    for (const field of Object.keys(TERM_TYPES) as TermField[]) {
      const resolved = vocabularies[field].resolve(row.where, row[field], Boolean(options.createMissing));
      terms[field] = resolved.slugs;
      issues.push(...resolved.problems);
    }
    if (issues.length) {
      report.problems.push(...issues);
      bad.add(row.where);
    } else planned.push({ row, terms });
  }

  // 2. Related case studies must be in the file or already in the library.
  const inFile = new Set(planned.map((p) => p.row.slug));
  const wanted = [...new Set(planned.flatMap((p) => p.row.relatedCaseStudies))].filter((slug) => !inFile.has(slug));
  const existingIds = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const found = await documents.findMany({ filters: { slug: { $in: wanted.slice(i, i + CHUNK) } }, fields: ['slug'], status: 'draft' });
    for (const doc of found) existingIds.set(doc.slug, doc.documentId);
  }
  for (const p of planned) {
    const missing = p.row.relatedCaseStudies.filter((slug) => !inFile.has(slug) && !existingIds.has(slug));
    if (missing.length) {
      report.problems.push(problem(p.row.where, 'relatedCaseStudies', `no case study with slug ${missing.map((s) => `"${s}"`).join(', ')}`));
      bad.add(p.row.where);
    }
  }
  const valid = planned.filter((p) => !bad.has(p.row.where));
  report.failed = bad.size;
  if (parsed.rows.some((row) => row.hasMedia))
    report.notes.push('coverImage and attachments are not imported (files are not downloaded); add them in the admin panel');
  if (options.atomic && report.problems.length) {
    report.notes.push('--atomic: nothing was imported because of the problems above');
    return report;
  }

  // 3. Compare with what is stored, and write what differs.
  const write = async () => {
    if (!options.dryRun)
      for (const field of Object.keys(TERM_TYPES) as TermField[])
        report.createdTerms.push(...(await vocabularies[field].createMissing(strapi)));
    const ids = new Map(existingIds);
    const deferred: Array<{ planned: Planned; documentId: string }> = [];
    let done = 0;
    for (let i = 0; i < valid.length; i += CHUNK) {
      const chunk = valid.slice(i, i + CHUNK);
      const slugs = chunk.map((p) => p.row.slug);
      const read = (status: string) =>
        documents.findMany({ filters: { slug: { $in: slugs } }, status, populate: READ_POPULATE, limit: CHUNK });
      const drafts = new Map((await read('draft')).map((d) => [d.slug, d]));
      const published = options.publish ? new Map((await read('published')).map((d) => [d.slug, d])) : new Map();
      for (const p of chunk) {
        const draft = drafts.get(p.row.slug);
        const wantedContent = plannedContent(p);
        const same = draft && storedContent(draft) === wantedContent;
        const live = published.get(p.row.slug);
        if (same && (!options.publish || (live && storedContent(live) === wantedContent))) {
          report.unchanged++;
          ids.set(p.row.slug, draft.documentId);
        } else if (options.dryRun) {
          if (draft) report.updated++;
          else report.created++;
        } else {
          try {
            const documentId = await writeRow(strapi, documents, p, draft?.documentId, vocabularies, ids, Boolean(options.publish), Boolean(options.atomic));
            ids.set(p.row.slug, documentId);
            if (p.row.relatedCaseStudies.some((slug) => !ids.has(slug))) deferred.push({ planned: p, documentId });
            if (draft) report.updated++;
            else report.created++;
          } catch (error) {
            if (options.atomic) throw error;
            report.failed++;
            report.problems.push(...writeProblems(p.row.where, error));
          }
        }
        options.onProgress?.(++done, valid.length);
      }
    }
    // Rows pointing at case studies created later in the file: their relations now.
    for (const { planned: p, documentId } of deferred) {
      try {
        await writeRow(strapi, documents, p, documentId, vocabularies, ids, Boolean(options.publish), Boolean(options.atomic));
      } catch (error) {
        if (options.atomic) throw error;
        report.problems.push(...writeProblems(p.row.where, error));
      }
    }
  };

  if (options.dryRun) {
    await write();
    const wouldCreate = Object.values(vocabularies).flatMap((v) => [...v.toCreate.values()].map((t) => `${t.name} (${t.slug})`));
    if (wouldCreate.length) report.notes.push(`--create-missing would create: ${wouldCreate.join('; ')}`);
    report.notes.push('--dry-run: nothing was written');
    return report;
  }
  report.nothingWritten = false;
  if (options.atomic) {
    try {
      await strapi.db.transaction(write);
    } catch (error) {
      report.problems.push(...writeProblems('file', error));
      report.created = report.updated = 0;
      report.failed = valid.length;
      report.createdTerms = [];
      report.nothingWritten = true;
      report.notes.push('--atomic: a write failed, so nothing was imported');
    }
  } else await write();
  return report;
}

/** One row: create or update the draft, then publish it if asked; one transaction. */
async function writeRow(
  strapi: Core.Strapi,
  documents: Documents,
  { row, terms }: Planned,
  documentId: string | undefined,
  vocabularies: Record<TermField, Vocabulary>,
  ids: Map<string, string>,
  publish: boolean,
  insideTransaction: boolean
): Promise<string> {
  const data = {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    publicationDate: row.publicationDate,
    sections: row.sections,
    contact: row.contact,
    externalLinks: row.externalLinks,
    councils: vocabularies.councils.documentIds(terms.councils),
    topics: vocabularies.topics.documentIds(terms.topics),
    supportTypes: vocabularies.supportTypes.documentIds(terms.supportTypes),
    relatedCaseStudies: row.relatedCaseStudies.map((slug) => ids.get(slug)).filter((id): id is string => Boolean(id)),
  };
  const run = async () => {
    // A new case study to publish is created published at once: one write instead of create + publish.
    if (!documentId && publish) return (await documents.create({ data, status: 'published' })).documentId;
    const saved = documentId ? await documents.update({ documentId, data }) : await documents.create({ data });
    if (publish) await documents.publish({ documentId: saved.documentId });
    return saved.documentId;
  };
  return insideTransaction ? run() : strapi.db.transaction(run);
}

/** The report as text: counts, then every problem with where it is and which field. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.rows} row${report.rows === 1 ? '' : 's'} read: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} not imported.`,
  ];
  if (report.createdTerms.length) lines.push(`Created: ${report.createdTerms.join('; ')}.`);
  if (report.problems.length) {
    lines.push('', 'Problems:');
    for (const p of report.problems) lines.push(`  ${p.where}, ${p.field}: ${p.message}`);
  }
  if (report.notes.length) lines.push('', ...report.notes);
  return lines.join('\n');
}
