import { escapeHtml } from '../plugins/submissions/shared/paragraphs';
import { MARK_END, MARK_START } from './types';

const MARKED = new RegExp(`${MARK_START}([^${MARK_START}${MARK_END}]*)${MARK_END}`, 'g');
const STRAY = new RegExp(`[${MARK_START}${MARK_END}]`, 'g');

/**
 * Escapes everything, then turns only balanced marker pairs into <mark>; any other marker (one that
 * was in the text itself) is dropped, so the result is always well-formed.
 */
export function snippetHtml(raw: string): string {
  return escapeHtml(raw).replace(MARKED, '<mark>$1</mark>').replace(STRAY, '');
}
