import MarkdownIt from 'markdown-it';
import { escapeHtml, paragraphsFromMarkdown, paragraphsHtml, toMarkdown, toParagraphs } from './paragraphs';

// The renderer Strapi's content manager previews rich text with.
const markdown = new MarkdownIt();

describe('toParagraphs', () => {
  it.each([
    ['', []],
    [null, []],
    ['   \n\n  ', []],
    ['One line.', [['One line.']]],
    ['First line\nsecond line', [['First line', 'second line']]],
    ['One.\n\nTwo.', [['One.'], ['Two.']]],
    ['One.\r\n\r\nTwo.\r\nStill two.', [['One.'], ['Two.', 'Still two.']]],
    ['One.\n \t \n\n\nTwo.', [['One.'], ['Two.']]],
    ['  Indented first\n    indented second  \n\n   Next', [['Indented first', 'indented second'], ['Next']]],
  ] as const)('%j', (text, expected) => {
    expect(toParagraphs(text as string | null)).toEqual(expected);
  });
});

describe('paragraphsHtml', () => {
  it('makes a paragraph per blank-line block and a <br> per line break', () => {
    expect(paragraphsHtml('A\nB\n\nC')).toBe('<p>A<br>B</p>\n<p>C</p>');
  });

  it('escapes everything in the text, so nothing typed is markup', () => {
    expect(paragraphsHtml('<script>alert("x")</script> & \'q\'', 'govuk-body')).toBe(
      '<p class="govuk-body">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>'
    );
    expect(escapeHtml('<b>')).toBe('&lt;b&gt;');
  });
});

describe('toMarkdown', () => {
  it('keeps a single line break as a hard break and paragraphs apart', () => {
    expect(toMarkdown('Line one\nline two\n\nNext paragraph')).toBe('Line one\\\nline two\n\nNext paragraph');
    expect(markdown.render(toMarkdown('Line one\nline two\n\nNext paragraph'))).toBe(
      '<p>Line one<br>\nline two</p>\n<p>Next paragraph</p>\n'
    );
  });

  it.each([
    ['# Not a heading', '<p># Not a heading</p>\n'],
    ['- not a list\n+ nor this', '<p>- not a list<br>\n+ nor this</p>\n'],
    ['1. not numbered', '<p>1. not numbered</p>\n'],
    ['Text\n===', '<p>Text<br>\n===</p>\n'],
    ['Text\n---', '<p>Text<br>\n---</p>\n'],
    ['*emphasis* and _this_ and `code`', '<p>*emphasis* and _this_ and `code`</p>\n'],
    ['[a link](https://example.org) ![img](x.png)', '<p>[a link](https://example.org) ![img](x.png)</p>\n'],
    ['> not a quote', '<p>&gt; not a quote</p>\n'],
    ['<b>tag</b> &amp;', '<p>&lt;b&gt;tag&lt;/b&gt; &amp;amp;</p>\n'],
    ['ends with a backslash \\\nnext', '<p>ends with a backslash \\<br>\nnext</p>\n'],
  ])('renders %j exactly as typed', (text, html) => {
    expect(markdown.render(toMarkdown(text))).toBe(html);
  });

  it('reads back as the same paragraphs', () => {
    const text = 'A *b* [c]\nd \\ e\n\n# f\n1. g';
    expect(paragraphsFromMarkdown(toMarkdown(text))).toEqual(toParagraphs(text));
  });

  it('also reads an editor’s two-space hard breaks', () => {
    expect(paragraphsFromMarkdown('one  \ntwo\n\n## three')).toEqual([['one', 'two'], ['three']]);
  });
});
