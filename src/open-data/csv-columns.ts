import { DEFAULT_TEMPLATE_SECTIONS } from '../plugins/submissions/shared/template';
import type { NamedRef, OpenCaseStudy } from './record';

/**
 * The CSV form of a case study: one row each, lists in one cell separated by "; ", and each section
 * in a column named "section: <heading>". Written by the export, read by the import.
 */
export const FIXED_COLUMNS = [
  'slug',
  'title',
  'summary',
  'publicationDate',
  'url',
  'councils',
  'councilNames',
  'topics',
  'topicNames',
  'supportTypes',
  'supportTypeNames',
  'contactName',
  'contactRole',
  'contactEmail',
  'externalLinks',
  'relatedCaseStudies',
  'coverImage',
  'attachments',
] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

export const SECTION_PREFIX = 'section: ';
/** Sections under headings that have no column of their own, as JSON: [{"heading", "body"}]. */
export const OTHER_SECTIONS = 'otherSections';
/** Headings with a column of their own, at most: a library with thousands of headings stays a usable sheet. */
export const MAX_SECTION_COLUMNS = 60;
export const LIST_SEPARATOR = '; ';

const TEMPLATE_ORDER = DEFAULT_TEMPLATE_SECTIONS.map((s) => s.title);

/** The section columns for these headings: the template's first, in its order, then alphabetically. */
export function sectionHeadings(headings: Iterable<string>): string[] {
  const unique = [...new Set(headings)].filter((h) => h.trim());
  const rank = (h: string) => (TEMPLATE_ORDER.includes(h) ? TEMPLATE_ORDER.indexOf(h) : TEMPLATE_ORDER.length);
  return unique
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_SECTION_COLUMNS);
}

export const csvHeader = (headings: string[]): string[] => [
  ...FIXED_COLUMNS,
  ...headings.map((h) => `${SECTION_PREFIX}${h}`),
  OTHER_SECTIONS,
];

const slugs = (refs: NamedRef[]) => refs.map((r) => r.slug).join(LIST_SEPARATOR);
const names = (refs: NamedRef[]) => refs.map((r) => r.name).join(LIST_SEPARATOR);
/** "Label <https://...>", one a line. */
export const linkLine = (label: string, url: string) => `${label} <${url}>`;

/** One CSV row (in header order) of a record. */
export function csvRow(record: OpenCaseStudy, headings: string[]): string[] {
  const cells = new Map<string, string>();
  const other: OpenCaseStudy['sections'] = [];
  for (const section of record.sections) {
    const column = `${SECTION_PREFIX}${section.heading}`;
    if (headings.includes(section.heading) && !cells.has(column)) cells.set(column, section.body);
    else other.push(section);
  }
  const fixed: Record<FixedColumn, string> = {
    slug: record.slug,
    title: record.title,
    summary: record.summary,
    publicationDate: record.publicationDate ?? '',
    url: record.url,
    councils: slugs(record.councils),
    councilNames: names(record.councils),
    topics: slugs(record.topics),
    topicNames: names(record.topics),
    supportTypes: slugs(record.supportTypes),
    supportTypeNames: names(record.supportTypes),
    contactName: record.contact?.name ?? '',
    contactRole: record.contact?.role ?? '',
    contactEmail: record.contact?.email ?? '',
    externalLinks: record.externalLinks.map((l) => linkLine(l.label, l.url)).join('\n'),
    relatedCaseStudies: record.relatedCaseStudies.join(LIST_SEPARATOR),
    coverImage: record.coverImage ?? '',
    attachments: record.attachments.map((a) => linkLine(a.name, a.url)).join('\n'),
  };
  return [
    ...FIXED_COLUMNS.map((c) => fixed[c]),
    ...headings.map((h) => cells.get(`${SECTION_PREFIX}${h}`) ?? ''),
    other.length ? JSON.stringify(other) : '',
  ];
}
