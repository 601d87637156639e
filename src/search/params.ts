import { errors } from '@strapi/utils';
import { MAX_SUGGESTIONS, SEARCH_SORTS, type SearchQuery, type SearchSort, type SuggestQuery } from './types';

export const MAX_PAGE_SIZE = 100;
const MAX_Q_LENGTH = 200;
const MAX_WORDS = 12;
const MAX_LIST = 50;
const MAX_PAGE = 10_000;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REGION = /^[a-z][a-z_]{0,63}$/;
const KNOWN = new Set([
  'q',
  'topics',
  'supportTypes',
  'councils',
  'region',
  'from',
  'to',
  'sort',
  'page',
  'pageSize',
]);

/** A 400 whose message starts with the parameter's name, as every other check in this API does. */
function bad(param: string, message: string): never {
  throw new errors.ValidationError(`${param}: ${message}`, {
    errors: [{ path: [param], message, name: 'ValidationError' }],
  });
}

function text(raw: Record<string, unknown>, param: string): string | undefined {
  const value = raw[param];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') bad(param, 'must be given once, as plain text');
  return value;
}

function slugList(raw: Record<string, unknown>, param: string): string[] {
  const value = text(raw, param);
  if (value === undefined) return [];
  const slugs = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    ),
  ];
  if (slugs.length > MAX_LIST) bad(param, `at most ${MAX_LIST} slugs`);
  const wrong = slugs.find((s) => s.length > 200 || !SLUG.test(s));
  if (wrong !== undefined)
    bad(param, 'must be comma-separated slugs (lower-case letters, digits and hyphens)');
  return slugs;
}

function isoDate(raw: Record<string, unknown>, param: string): string | undefined {
  const value = text(raw, param);
  if (value === undefined) return undefined;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    bad(param, 'must be a date written YYYY-MM-DD');
  }
  return value;
}

function integer(raw: Record<string, unknown>, param: string, fallback: number, max: number): number {
  const value = text(raw, param);
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    bad(param, `must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/** The keyword's words: runs of letters and digits, lower-cased (nothing else reaches the database). */
export const wordsOf = (q: string): string[] => q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function unknownParameter(raw: Record<string, unknown>, known: Set<string>): void {
  const unknown = Object.keys(raw).find((key) => !known.has(key));
  if (unknown !== undefined) bad(unknown.slice(0, 40), `unknown parameter; use ${[...known].join(', ')}`);
}

const SUGGEST_KNOWN = new Set(['q']);
const MAX_SUGGEST_LENGTH = 100;
const MAX_SUGGEST_WORDS = 6;

/** GET /api/case-studies/suggest: q is required; its last word is completed as a prefix of 2 or more characters. */
export function parseSuggestParams(raw: Record<string, unknown>): SuggestQuery {
  unknownParameter(raw, SUGGEST_KNOWN);
  const q = text(raw, 'q')?.trim();
  if (!q) bad('q', 'is required: the start of a word or title');
  if (q.length > MAX_SUGGEST_LENGTH) bad('q', `at most ${MAX_SUGGEST_LENGTH} characters`);
  const words = wordsOf(q);
  if (words.length === 0) bad('q', 'must contain a letter or a digit');
  if (words.length > MAX_SUGGEST_WORDS) bad('q', `at most ${MAX_SUGGEST_WORDS} words`);
  const prefix = words.pop()!;
  if ([...prefix].length < 2) bad('q', 'its last word must have at least 2 characters');
  return { q, words, prefix, limit: MAX_SUGGESTIONS };
}

/** Checks every parameter of the search endpoint; anything unexpected is a 400 naming the parameter. */
export function parseSearchParams(raw: Record<string, unknown>): SearchQuery {
  unknownParameter(raw, KNOWN);

  const q = text(raw, 'q')?.trim() || undefined;
  if (q && q.length > MAX_Q_LENGTH) bad('q', `at most ${MAX_Q_LENGTH} characters`);
  const words = [...new Set(wordsOf(q ?? ''))];
  if (q && words.length === 0) bad('q', 'must contain a letter or a digit');
  if (words.length > MAX_WORDS) bad('q', `at most ${MAX_WORDS} words`);

  const sort = text(raw, 'sort') ?? (q ? 'relevance' : 'date');
  if (!(SEARCH_SORTS as readonly string[]).includes(sort))
    bad('sort', `must be one of ${SEARCH_SORTS.join(', ')}`);

  const region = text(raw, 'region');
  if (region !== undefined && !REGION.test(region)) bad('region', 'must be a region code such as london');
  const from = isoDate(raw, 'from');
  const to = isoDate(raw, 'to');
  if (from && to && from > to) bad('from', 'must not be after to');

  return {
    q,
    words,
    topics: slugList(raw, 'topics'),
    supportTypes: slugList(raw, 'supportTypes'),
    councils: slugList(raw, 'councils'),
    region,
    from,
    to,
    sort: sort as SearchSort,
    page: integer(raw, 'page', 1, MAX_PAGE),
    pageSize: integer(raw, 'pageSize', 10, MAX_PAGE_SIZE),
  };
}
