import { fileSize, markdownParagraphs, paragraphs } from './format';
import { toMarkdown } from '../../../../submissions/shared/paragraphs';

/** The site's one formatting helper for typed text (the views' `paragraphs` filter). */
describe('paragraphs', () => {
  it('makes a paragraph of each block and a line break of each single newline', () => {
    expect(paragraphs('First line\nsecond line\n\nNew paragraph')).toBe(
      '<p class="govuk-body">First line<br>second line</p>\n<p class="govuk-body">New paragraph</p>'
    );
  });

  it('keeps no indentation, Windows newlines or runs of blank lines', () => {
    expect(paragraphs('  One\r\n\r\n\r\n   Two  ', 'app-answer')).toBe('<p class="app-answer">One</p>\n<p class="app-answer">Two</p>');
  });

  it('escapes everything: HTML in an answer is shown as text, never interpreted', () => {
    const html = paragraphs('<script>alert("x")</script> & <b>bold</b>');
    expect(html).toBe('<p class="govuk-body">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>');
  });

  it('shows nothing for an empty or missing answer', () => {
    expect(paragraphs('')).toBe('');
    expect(paragraphs(null)).toBe('');
    expect(paragraphs(undefined)).toBe('');
  });

  it('shows a published section (Markdown from toMarkdown) exactly as the officer typed it', () => {
    const typed = 'Costs fell by 20%.\nStaff time *halved*.\n\n# Not a heading <i>';
    expect(markdownParagraphs(toMarkdown(typed))).toBe(paragraphs(typed));
  });
});

describe('fileSize', () => {
  it('reads as people read sizes', () => {
    expect(fileSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(fileSize(2.45 * 1024 * 1024)).toBe('2.5 MB');
    expect(fileSize(300 * 1024)).toBe('300 KB');
    expect(fileSize(12)).toBe('1 KB');
  });
});
