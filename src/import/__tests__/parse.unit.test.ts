import { parseCsv, parseJson } from '../parse-file';
import { duplicateSlugProblems, rowProblems, slugify } from '../text-checks';

const csv = (text: string) => parseCsv(Buffer.from(text, 'utf8'));

describe('CSV parsing', () => {
  test('reads sections from named columns, lists by "; ", links, and gives each row the line it starts on', () => {
    const parsed = csv(
      '\uFEFFslug,title,summary,topics,topicNames,externalLinks,section: The challenge,section: The impact\r\n' +
        'a-one,One,"Sum, with comma",prevent; funding,Prevent; Funding,"Report <https://example.org/r>\nhttps://example.org/b","Two\nlines",\r\n' +
        ',Café de Paris!,S,Children and young people,,,,Fewer\r\n'
    );
    expect(parsed.fatal).toBe(false);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.where)).toEqual(['line 2', 'line 5']);
    expect(parsed.rows[0]).toMatchObject({
      slug: 'a-one',
      summary: 'Sum, with comma',
      topics: [{ slug: 'prevent', name: 'Prevent' }, { slug: 'funding', name: 'Funding' }],
      externalLinks: [{ label: 'Report', url: 'https://example.org/r' }, { label: 'https://example.org/b', url: 'https://example.org/b' }],
      sections: [{ heading: 'The challenge', body: 'Two\nlines' }],
    });
    expect(parsed.rows[1]).toMatchObject({ slug: 'cafe-de-paris', topics: [{ name: 'Children and young people' }], sections: [{ heading: 'The impact', body: 'Fewer' }] });
  });

  test('an empty file, a file that is not UTF-8, and a wrong header are refused whole, naming the line', () => {
    expect(csv('')).toMatchObject({ fatal: true, problems: [{ where: 'line 1', field: 'file' }] });
    expect(csv('\uFEFF\n\n')).toMatchObject({ fatal: true });
    const latin1 = Buffer.concat([Buffer.from('title,summary\nOne,ok\nCaf'), Buffer.from([0xe9]), Buffer.from(',x\n')]);
    expect(parseCsv(latin1)).toMatchObject({ fatal: true, problems: [{ where: 'line 3', field: 'file', message: expect.stringContaining('not UTF-8') }] });
    const header = csv('Title,summary,colour\nOne,ok,red\n');
    expect(header.fatal).toBe(true);
    expect(header.problems.map((p) => p.field)).toEqual(['title', 'Title', 'colour']);
  });

  test('a row with extra cells, an over-long row and a stray quote are reported by line; the rows before still read', () => {
    const parsed = csv(`title,summary\nOne,ok\nTwo,ok,extra\nThree,${'x'.repeat(210_000)}\n"Four"x,ok\nFive,ok\n`);
    expect(parsed.rows.map((r) => r.title)).toEqual(['One']);
    const byLine = Object.fromEntries(parsed.problems.map((p) => [p.where, `${p.field}: ${p.message}`]));
    expect(Object.keys(byLine).sort()).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
    expect(byLine['line 3']).toContain('different number of cells');
    expect(byLine['line 4']).toContain('longer than');
    // A stray quote opens a quoted cell that swallows the rest of the file: both lines are named.
    expect(byLine['line 5']).toContain('quote');
    expect(byLine['line 6']).toContain('quote');
  });

  test('JSON: the export format or a bare array; a record that is not an object is named', () => {
    const parsed = parseJson(Buffer.from(JSON.stringify({ meta: {}, data: [{ slug: 'a', title: 'A', summary: 'S', topics: [{ slug: 'prevent', name: 'P' }] }, 3] })));
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0].topics).toEqual([{ slug: 'prevent', name: 'P' }]);
    expect(parsed.problems).toEqual([{ where: 'record 2', field: 'record', message: 'must be an object' }]);
    expect(parseJson(Buffer.from('{"data": 1}')).fatal).toBe(true);
    expect(parseJson(Buffer.from('{nope')).problems[0].message).toContain('is not JSON');
  });
});

describe('row checks', () => {
  const base = csv('slug,title,summary,publicationDate,topics,contactName,contactEmail\nok,Title,Summary,2016-02-29,prevent,Jo,jo@bristol.gov.uk\n').rows[0];
  const fields = (row: typeof base, publish = false) => rowProblems(row, { publish }).map((p) => p.field);

  test('a good row passes', () => expect(rowProblems(base, { publish: true })).toEqual([]));
  test.each([
    ['missing title', { title: '' }, 'title'],
    ['summary over 600 characters', { summary: 'x'.repeat(601) }, 'summary'],
    ['a date that does not exist', { publicationDate: '2015-02-29' }, 'publicationDate'],
    ['a date in another form', { publicationDate: '29/02/2016' }, 'publicationDate'],
    ['HTML', { summary: 'Read <a href="x">this</a>' }, 'summary'],
    ['a control character', { title: 'Bell\u0007' }, 'title'],
    ['a bad slug', { slug: 'Not A Slug' }, 'slug'],
    ['a bad contact email', { contact: { name: 'Jo', role: null, email: 'jo@@x' } }, 'contactEmail'],
    ['a link that is not http(s)', { externalLinks: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'externalLinks'],
    ['a section body over 20,000 characters', { sections: [{ heading: 'The impact', body: 'y'.repeat(20_001) }] }, 'section: The impact'],
  ])('%s is named by its field', (_what, change, field) => {
    expect(fields({ ...base, ...change } as typeof base)).toEqual([field]);
  });
  test('publishing needs a topic', () => expect(fields({ ...base, topics: [] }, true)).toEqual(['topics']));
  test('a slug twice in one file names the first line', () => {
    expect(duplicateSlugProblems([base, { ...base, where: 'line 9' }])).toEqual([{ where: 'line 9', field: 'slug', message: '"ok" is also on line 2' }]);
  });
  test('slugs from titles', () => expect(slugify('  Ysgol Gymraeg: Café — 2016!  ')).toBe('ysgol-gymraeg-cafe-2016'));
});
