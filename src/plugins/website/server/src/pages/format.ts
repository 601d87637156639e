import { paragraphsFromMarkdown, paragraphsHtml } from '../../../../submissions/shared/paragraphs';

/**
 * The site's one way of showing typed text (the `paragraphs` view filter): a blank line starts a
 * paragraph, a single newline is a line break, everything escaped. The submissions plugin's
 * paragraphsHtml does the work, so the site, the review desk and the case study's Markdown agree.
 */
export const paragraphs = (text: unknown, paragraphClass = 'govuk-body'): string =>
  paragraphsHtml(typeof text === 'string' ? text : text == null ? '' : String(text), paragraphClass);

/** A published section's body (Markdown written by toMarkdown), shown the same way: never as HTML. */
export const markdownParagraphs = (markdown: unknown, paragraphClass = 'govuk-body'): string =>
  paragraphs(
    paragraphsFromMarkdown(typeof markdown === 'string' ? markdown : '')
      .map((lines) => lines.join('\n'))
      .join('\n\n'),
    paragraphClass
  );

/** "2.4 MB", "310 KB": a file's size as people read it. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
