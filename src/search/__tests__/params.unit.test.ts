import { MAX_PAGE_SIZE, parseSearchParams, parseSuggestParams } from '../params';

/** The 400 a bad parameter answers: its message starts with the parameter's name. */
function refusal(parse: () => unknown): { param: string; message: string } {
  try {
    parse();
  } catch (error) {
    const e = error as { name: string; message: string; details: { errors: { path: string[] }[] } };
    expect(e.name).toBe('ValidationError');
    return { param: e.details.errors[0].path[0], message: e.message };
  }
  throw new Error('expected a 400, but the parameters were accepted');
}

describe('parseSearchParams', () => {
  it('has defaults: first page of 10, newest first, no filters', () => {
    expect(parseSearchParams({})).toMatchObject({
      words: [],
      topics: [],
      supportTypes: [],
      councils: [],
      sort: 'date',
      page: 1,
      pageSize: 10,
    });
  });

  it('ranks by relevance by default when there is a keyword, and keeps the distinct words, lower-cased', () => {
    const query = parseSearchParams({ q: '  Taxi DRIVERS, taxi! ' });
    expect(query).toMatchObject({ q: 'Taxi DRIVERS, taxi!', words: ['taxi', 'drivers'], sort: 'relevance' });
  });

  it('reads comma-separated slugs, without duplicates or blanks', () => {
    expect(parseSearchParams({ topics: 'prevent,,children-and-young-people,prevent' }).topics).toEqual([
      'prevent',
      'children-and-young-people',
    ]);
  });

  it.each([
    [{ colour: 'red' }, 'colour', /unknown parameter/],
    [{ q: 'x'.repeat(201) }, 'q', /at most 200 characters/],
    [{ q: '!!! ???' }, 'q', /a letter or a digit/],
    [{ q: Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ') }, 'q', /at most 12 words/],
    [{ q: ['a', 'b'] }, 'q', /given once/],
    [{ topics: 'Prevent' }, 'topics', /slugs/],
    [{ topics: "prevent'; drop table x" }, 'topics', /slugs/],
    [{ supportTypes: Array.from({ length: 51 }, (_, i) => `s${i}`).join(',') }, 'supportTypes', /at most 50/],
    [{ region: 'London!' }, 'region', /region code/],
    [{ from: '2016-02-30' }, 'from', /YYYY-MM-DD/],
    [{ to: '16/01/2016' }, 'to', /YYYY-MM-DD/],
    [{ from: '2017-01-01', to: '2016-01-01' }, 'from', /after to/],
    [{ sort: 'popularity' }, 'sort', /must be one of/],
    [{ page: '0' }, 'page', /whole number from 1/],
    [{ page: '1.5' }, 'page', /whole number/],
    [{ page: '10001' }, 'page', /to 10000/],
    [{ pageSize: String(MAX_PAGE_SIZE + 1) }, 'pageSize', new RegExp(`to ${MAX_PAGE_SIZE}`)],
  ])('%j is refused, naming %s', (raw, param, message) => {
    const refused = refusal(() => parseSearchParams(raw as Record<string, unknown>));
    expect(refused.param).toBe(param);
    expect(refused.message.startsWith(`${param}: `)).toBe(true);
    expect(refused.message).toMatch(message);
  });

  it('accepts the largest page size and a leap day', () => {
    expect(parseSearchParams({ pageSize: String(MAX_PAGE_SIZE), from: '2016-02-29' })).toMatchObject({
      pageSize: MAX_PAGE_SIZE,
      from: '2016-02-29',
    });
  });
});

describe('parseSuggestParams', () => {
  it('needs a query whose last word has two characters or more', () => {
    expect(refusal(() => parseSuggestParams({})).param).toBe('q');
    expect(refusal(() => parseSuggestParams({ q: 'taxi d' })).message).toMatch(/at least 2 characters/);
    expect(refusal(() => parseSuggestParams({ q: 'reoff', page: '2' })).param).toBe('page');
  });

  it('completes the last word typed', () => {
    expect(parseSuggestParams({ q: 'Taxi Dri' })).toMatchObject({ q: 'Taxi Dri' });
  });
});
