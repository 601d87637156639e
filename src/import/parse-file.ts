import { parse } from 'csv-parse/sync';
import { FIXED_COLUMNS, OTHER_SECTIONS, SECTION_PREFIX } from '../open-data/csv-columns';
import type { OpenCaseStudy } from '../open-data/record';
import { slugify } from './text-checks';
import { problem, type ImportRow, type ParsedFile, type Problem, type TermRef } from './types';

/** One CSV record may hold at most this many characters (a case study is far smaller). */
export const MAX_RECORD_CHARACTERS = 200_000;
const REQUIRED_COLUMNS = ['title', 'summary'];
const KNOWN_COLUMNS = new Set<string>([...FIXED_COLUMNS, OTHER_SECTIONS]);

const fatal = (problems: Problem[]): ParsedFile => ({ rows: [], problems, fatal: true });

/** The file's text, if it is UTF-8; otherwise the lines that are not (a spreadsheet saved as Windows-1252...). */
function decode(bytes: Buffer): { text?: string; problems: Problem[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problems: [] };
  } catch {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const problems: Problem[] = [];
    let start = 0;
    for (let line = 1; start <= bytes.length && problems.length < 20; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        problems.push(problem(`line ${line}`, 'file', 'is not UTF-8 text: save the file as "CSV UTF-8" and import it again'));
      }
      start = end + 1;
    }
    return { problems };
  }
}

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

/** Terms by slug or name; the names column (if its length matches) names terms given by slug. */
function terms(refs: string | undefined, names: string | undefined): TermRef[] {
  const given = list(refs);
  const named = list(names);
  return given.map((ref, i) => (/^[a-z0-9-]+$/.test(ref) ? { slug: ref, ...(named.length === given.length ? { name: named[i] } : {}) } : { name: ref }));
}

/** "Label <https://...>" lines; a bare address is its own label. */
function links(cell: string | undefined): Array<{ label: string; url: string }> {
  return (cell ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
      return match ? { label: match[1] || match[2], url: match[2] } : { label: line, url: line };
    });
}

/** CSV: one case study a row, with a header; sections in "section: <heading>" columns. */
export function parseCsv(bytes: Buffer): ParsedFile {
  if (bytes.length === 0 || !bytes.toString('utf8').replace(/^\uFEFF/, '').trim())
    return fatal([problem('line 1', 'file', 'is empty: expected a header row and a row per case study')]);
  const decoded = decode(bytes);
  if (decoded.text === undefined) return fatal(decoded.problems);

  const problems: Problem[] = [];
  const skippedLines: number[] = [];
  const records = parse(decoded.text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: (Error & { lines?: number; code?: string }) | undefined) => {
      if (!error) return;
      if (error.lines) skippedLines.push(error.lines);
      const message = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `has a different number of cells from the header (${error.message.replace(/ on line \d+$/, '')})`
        : `cannot be read as CSV: ${error.message.replace(/ at line \d+.*$/, '').replace(/ on line \d+$/, '')} (a quote not closed or a stray quote mark?)`;
      problems.push(problem(`line ${error.lines ?? '?'}`, 'row', message));
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  if (records.length === 0) return fatal([...problems, problem('line 1', 'file', 'has no header row')]);

  const header = records[0].record.map((h) => h.trim());
  const headerProblems: Problem[] = [];
  for (const column of REQUIRED_COLUMNS)
    if (!header.includes(column)) headerProblems.push(problem('line 1', column, 'column is missing from the header'));
  for (const column of header)
    if (!KNOWN_COLUMNS.has(column) && !(column.startsWith(SECTION_PREFIX) && column.length > SECTION_PREFIX.length))
      headerProblems.push(problem('line 1', column || '(empty)', `is not a column this import knows: use ${[...FIXED_COLUMNS].join(', ')}, "${SECTION_PREFIX}<heading>" or ${OTHER_SECTIONS}`));
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) headerProblems.push(problem('line 1', duplicate, 'column appears twice'));
  if (headerProblems.length) return fatal([...problems, ...headerProblems]);

  const rows: ImportRow[] = [];
  let previousEnd = records[0].info.lines;
  for (const { record, info } of records.slice(1)) {
    // A record starts after the previous one ends, or after a line skipped as unreadable.
    previousEnd = Math.max(previousEnd, ...skippedLines.filter((line) => line < info.lines));
    const where = `line ${previousEnd + 1}`;
    previousEnd = info.lines;
    if (record.reduce((sum, value) => sum + value.length, 0) > MAX_RECORD_CHARACTERS) {
      problems.push(problem(where, 'row', `is longer than ${MAX_RECORD_CHARACTERS.toLocaleString('en-GB')} characters`));
      continue;
    }
    const cell = Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) as Record<string, string>;
    const sections = header
      .filter((h) => h.startsWith(SECTION_PREFIX) && cell[h].trim())
      .map((h) => ({ heading: h.slice(SECTION_PREFIX.length), body: cell[h] }));
    if (cell[OTHER_SECTIONS]?.trim()) {
      try {
        const other = JSON.parse(cell[OTHER_SECTIONS]) as unknown;
        if (!Array.isArray(other) || other.some((s) => typeof s?.heading !== 'string' || typeof s?.body !== 'string')) throw new Error();
        sections.push(...(other as Array<{ heading: string; body: string }>).map(({ heading, body }) => ({ heading, body })));
      } catch {
        problems.push(problem(where, OTHER_SECTIONS, 'must be JSON: [{"heading": "...", "body": "..."}]'));
        continue;
      }
    }
    const contactGiven = [cell.contactName, cell.contactRole, cell.contactEmail].some((v) => v?.trim());
    rows.push({
      where,
      slug: cell.slug?.trim() || slugify(cell.title ?? ''),
      title: cell.title?.trim() ?? '',
      summary: cell.summary?.trim() ?? '',
      publicationDate: cell.publicationDate?.trim() || null,
      councils: terms(cell.councils, cell.councilNames),
      topics: terms(cell.topics, cell.topicNames),
      supportTypes: terms(cell.supportTypes, cell.supportTypeNames),
      sections,
      contact: contactGiven
        ? { name: cell.contactName?.trim() ?? '', role: cell.contactRole?.trim() || null, email: cell.contactEmail?.trim() || null }
        : null,
      externalLinks: links(cell.externalLinks),
      relatedCaseStudies: list(cell.relatedCaseStudies),
      hasMedia: Boolean(cell.coverImage?.trim() || cell.attachments?.trim()),
    });
  }
  return { rows, problems, fatal: false };
}

/** JSON: the export's own format ({ meta, data: [...] }), or a bare array of its records. */
export function parseJson(bytes: Buffer): ParsedFile {
  const decoded = decode(bytes);
  if (decoded.text === undefined) return fatal(decoded.problems);
  if (!decoded.text.trim()) return fatal([problem('line 1', 'file', 'is empty: expected the JSON export format')]);
  let document: unknown;
  try {
    document = JSON.parse(decoded.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fatal([problem('file', 'file', `is not JSON: ${(error as Error).message}`)]);
  }
  const data = Array.isArray(document) ? document : (document as { data?: unknown })?.data;
  if (!Array.isArray(data)) return fatal([problem('file', 'data', 'expected { "meta": ..., "data": [case studies] } or an array')]);

  const problems: Problem[] = [];
  const rows: ImportRow[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
  const refs = (value: unknown): TermRef[] =>
    Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' ? (/^[a-z0-9-]+$/.test(v) ? { slug: v } : { name: v }) : { slug: v?.slug, name: v?.name }))
      : [];
  data.forEach((raw: Partial<OpenCaseStudy> | null, index) => {
    const where = `record ${index + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(problem(where, 'record', 'must be an object'));
      return;
    }
    const arrays = ['councils', 'topics', 'supportTypes', 'sections', 'externalLinks', 'relatedCaseStudies', 'attachments'] as const;
    const wrong = arrays.find((key) => raw[key] != null && !Array.isArray(raw[key]));
    if (wrong) {
      problems.push(problem(where, wrong, 'must be a list'));
      return;
    }
    rows.push({
      where,
      slug: text(raw.slug).trim() || slugify(text(raw.title)),
      title: text(raw.title).trim(),
      summary: text(raw.summary).trim(),
      publicationDate: raw.publicationDate ? text(raw.publicationDate) : null,
      councils: refs(raw.councils),
      topics: refs(raw.topics),
      supportTypes: refs(raw.supportTypes),
      sections: (raw.sections ?? []).map((s) => ({ heading: text(s?.heading), body: text(s?.body) })),
      contact: raw.contact ? { name: text(raw.contact.name), role: raw.contact.role ?? null, email: raw.contact.email ?? null } : null,
      externalLinks: (raw.externalLinks ?? []).map((l) => ({ label: text(l?.label), url: text(l?.url) })),
      relatedCaseStudies: (raw.relatedCaseStudies ?? []).map(text),
      hasMedia: Boolean(raw.coverImage || raw.attachments?.length),
    });
  });
  return { rows, problems, fatal: false };
}

/** By the file's name: .json is the export's JSON, anything else CSV. */
export const parseFile = (name: string, bytes: Buffer): ParsedFile =>
  /\.json$/i.test(name) ? parseJson(bytes) : parseCsv(bytes);
