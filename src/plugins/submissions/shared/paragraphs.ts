/**
 * Plain-text answers keep the shape the officer typed: a blank line starts a new paragraph, a single
 * newline is a line break. One helper for every place that shows an answer (review desk, council
 * pages, the public case study) and for the Markdown the case study is written in. Pure: no DOM, no Strapi.
 */

/** Paragraphs, each a list of lines (lines inside a paragraph are joined by line breaks). */
export type Paragraphs = string[][];

/** The text as paragraphs of trimmed lines; empty text gives no paragraphs. */
export function toParagraphs(text: string | null | undefined): Paragraphs {
  const normalised = String(text ?? '').replace(/\r\n?/g, '\n');
  return normalised
    .split(/\n(?:[ \t]*\n)+/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
    )
    .filter((lines) => lines.length > 0);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The text as escaped HTML: `<p>` per paragraph, `<br>` per line break. Nothing in the text is markup. */
export function paragraphsHtml(text: string | null | undefined, paragraphClass?: string): string {
  const open = paragraphClass ? `<p class="${escapeHtml(paragraphClass)}">` : '<p>';
  return toParagraphs(text)
    .map((lines) => `${open}${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

// What Markdown (CommonMark) would read as markup inside a line, or at its start.
const MARKDOWN_INLINE = /[\\`*_<>#[\]!&|~]/g;
const MARKDOWN_LINE_START = /^(\d+)([.)])|^([-+=])/;

function escapeMarkdownLine(line: string): string {
  return line
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(MARKDOWN_LINE_START, (_match, digits, mark, bullet) =>
      digits ? `${digits}\\${mark}` : `\\${bullet}`
    );
}

/**
 * The text as Markdown that renders exactly as typed: every markup character escaped, paragraphs
 * separated by a blank line, and a line break as a backslash at the end of the line (CommonMark's hard
 * break; two trailing spaces would do the same but editors and linters strip them).
 */
export function toMarkdown(text: string | null | undefined): string {
  return toParagraphs(text)
    .map((lines) => lines.map(escapeMarkdownLine).join('\\\n'))
    .join('\n\n');
}

/**
 * The paragraphs of Markdown written by toMarkdown (or typed by an editor in the same plain style):
 * hard breaks (backslash or two trailing spaces) become line breaks, backslash escapes are undone, and
 * leading heading marks are dropped. Not a Markdown renderer: other markup shows as the text it is.
 */
export function paragraphsFromMarkdown(markdown: string | null | undefined): Paragraphs {
  const text = String(markdown ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/(?: {2,}|\\)\n/g, '\n');
  return toParagraphs(text).map((lines) =>
    lines.map((line) => line.replace(/^#{1,6}\s+/, '').replace(/\\([!-/:-@[-`{-~])/g, '$1'))
  );
}
