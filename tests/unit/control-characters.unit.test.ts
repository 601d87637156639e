import { findControlCharacters, hasControlCharacters } from '../../src/plugins/submissions/shared/control-characters';

describe('hasControlCharacters', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['bell', '\u0007'],
    ['backspace', 'a\bb'],
    ['vertical tab', 'a\u000bb'],
    ['form feed', 'a\u000cb'],
    ['escape', '\u001b[31m'],
    ['unit separator', '\u001f'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00'],
    ['a surrogate pair reversed', '\udc00\ud800'],
  ])('finds %s', (_label, text) => {
    expect(hasControlCharacters(text)).toBe(true);
  });

  it.each([
    ['plain text', 'Bristol City Council: reading together'],
    ['tab, line feed and carriage return (multi-line text)', 'one\ttwo\r\nthree\n'],
    ['non-Latin scripts', 'Cymraeg: ŵ ŷ · 中文 · العربية'],
    ['an emoji (a proper surrogate pair)', 'reading 📚 together'],
    ['DEL and C1 (not C0: PostgreSQL stores them)', 'a\u007fb\u0085c'],
    ['empty', ''],
  ])('accepts %s', (_label, text) => {
    expect(hasControlCharacters(text)).toBe(false);
  });
});

describe('findControlCharacters names the first field', () => {
  it.each([
    [{ title: 'a\u0000b' }, 'dotted', 'title'],
    [{ contact: { name: 'Jo', email: 'jo\u0000@x.uk' } }, 'dotted', 'contact.email'],
    [{ answers: { challenge: 'ok', impact: '\u0001' } }, 'dotted', 'answers.impact'],
    [{ topics: ['a', 'b\u0000'] }, 'dotted', 'topics.1'],
    [{ variables: { data: { title: 'x\ud800' } } }, 'dotted', 'variables.data.title'],
    [{ filters: { title: { $containsi: 'a\u0000b' } } }, 'brackets', 'filters[title][$containsi]'],
    [{ 'ti\u0000tle': 'x' }, 'dotted', 'ti?tle'],
    ['a\u0000', 'dotted', 'body'],
  ] as const)('%j -> %s', (value, style, field) => {
    expect(findControlCharacters(value, style)).toBe(field);
  });

  it.each([
    [{ title: 'fine', answers: { a: 'line one\nline two' }, version: 3, ok: true, none: null }],
    [[]],
    [undefined],
    [{ nested: [{ deep: [{ deeper: 'x' }] }] }],
  ])('finds none in %j', (value) => {
    expect(findControlCharacters(value)).toBeUndefined();
  });

  it('does not look inside file contents (Buffers)', () => {
    expect(findControlCharacters({ file: Buffer.from([0, 1, 2]) })).toBeUndefined();
  });
});
