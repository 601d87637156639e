import { hasControlCharacters } from '../plugins/submissions/shared/control-characters';
import { parseEmailAddress } from '../plugins/submissions/shared/email-address';
import { problem, type ImportRow, type Problem } from './types';

/** The limits of the content model (src/api/case-study, src/components/case-study). */
export const LIMITS = { title: 200, slug: 220, summary: 600, heading: 160, body: 20_000, contactName: 120, contactRole: 160, linkLabel: 160, url: 500 };
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A tag, a comment or a doctype: the library is plain text, and an import is no way round that. */
const HTML = /<\/?[a-z][^>]*>|<!--|<!doctype/i;
const URL_FORM = /^https?:\/\/[^\s<>"]+$/;

/** A slug from a title, the way a reader would write it in a URL. */
export const slugify = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.slug)
    .replace(/-+$/, '');

export const isIsoDate = (value: string) => {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** Problems with one text value: control characters, HTML, length, required. */
export function textProblems(
  where: string,
  field: string,
  value: string | null | undefined,
  { max, required = false }: { max: number; required?: boolean }
): Problem[] {
  const text = value ?? '';
  if (!text.trim()) return required ? [problem(where, field, 'is required')] : [];
  if (hasControlCharacters(text)) return [problem(where, field, 'must not contain control characters')];
  if (HTML.test(text)) return [problem(where, field, 'must be plain text, not HTML')];
  if ([...text].length > max) return [problem(where, field, `must be at most ${max} characters (it has ${[...text].length})`)];
  return [];
}

/** Every check a row must pass before anything is written, each naming its field. */
export function rowProblems(row: ImportRow, options: { publish: boolean }): Problem[] {
  const { where } = row;
  const problems: Problem[] = [
    ...textProblems(where, 'title', row.title, { max: LIMITS.title, required: true }),
    ...textProblems(where, 'summary', row.summary, { max: LIMITS.summary, required: true }),
  ];
  if (!row.slug) problems.push(problem(where, 'slug', 'is required (or give a title it can be made from)'));
  else if (row.slug.length > LIMITS.slug || !SLUG.test(row.slug))
    problems.push(problem(where, 'slug', 'must be lower-case letters, digits and single hyphens, at most 220'));
  if (row.publicationDate !== null && !isIsoDate(row.publicationDate))
    problems.push(problem(where, 'publicationDate', `must be a date written YYYY-MM-DD (got "${row.publicationDate.slice(0, 40)}")`));
  for (const section of row.sections) {
    const field = `section: ${section.heading}`;
    problems.push(...textProblems(where, field, section.heading, { max: LIMITS.heading, required: true }));
    problems.push(...textProblems(where, field, section.body, { max: LIMITS.body, required: true }));
  }
  if (row.contact) {
    problems.push(...textProblems(where, 'contactName', row.contact.name, { max: LIMITS.contactName, required: true }));
    problems.push(...textProblems(where, 'contactRole', row.contact.role, { max: LIMITS.contactRole }));
    if (row.contact.email) {
      const parsed = parseEmailAddress(row.contact.email);
      if (!parsed.ok) problems.push(problem(where, 'contactEmail', parsed.message));
    }
  }
  for (const link of row.externalLinks) {
    problems.push(...textProblems(where, 'externalLinks', link.label, { max: LIMITS.linkLabel, required: true }));
    if (!URL_FORM.test(link.url) || link.url.length > LIMITS.url)
      problems.push(problem(where, 'externalLinks', `"${link.url.slice(0, 60)}" is not an http(s) address`));
  }
  for (const [field, refs] of [['councils', row.councils], ['topics', row.topics], ['supportTypes', row.supportTypes]] as const)
    for (const ref of refs) problems.push(...textProblems(where, field, ref.slug ?? ref.name, { max: 200, required: true }));
  for (const slug of row.relatedCaseStudies)
    if (!SLUG.test(slug)) problems.push(problem(where, 'relatedCaseStudies', `"${slug.slice(0, 60)}" is not a slug`));
  if (options.publish && row.topics.length === 0)
    problems.push(problem(where, 'topics', 'a published case study needs at least one topic'));
  return problems;
}

/** A slug that appears twice in one file is a mistake: the second (and later) are refused. */
export function duplicateSlugProblems(rows: ImportRow[]): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const row of rows) {
    if (!row.slug) continue;
    const seen = first.get(row.slug);
    if (seen) problems.push(problem(row.where, 'slug', `"${row.slug}" is also on ${seen}`));
    else first.set(row.slug, row.where);
  }
  return problems;
}
