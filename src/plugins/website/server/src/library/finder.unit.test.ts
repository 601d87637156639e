import { pageWindow, paginationOf } from './paging';
import { backToResults, dateBound, libraryHref, libraryQuery } from './query';
import { countLine, safeSnippet } from './view';

/** The finder's pure parts: the pager's window, the back link's check, the count line, snippets. */
describe('pageWindow', () => {
  it.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 100, [1, 2, null, 100]],
    [4, 100, [1, 2, 3, 4, 5, null, 100]],
    [50, 100, [1, null, 49, 50, 51, null, 100]],
    [100, 100, [1, null, 99, 100]],
    [97, 100, [1, null, 96, 97, 98, 99, 100]],
  ])('page %i of %i: %j', (current, last, expected) => {
    expect(pageWindow(current, last)).toEqual(expected);
  });

  it('never links more than 9 times (numbers, previous and next) at any page of 10,000', () => {
    for (const current of [1, 2, 3, 4, 5, 6, 5000, 9995, 9996, 9997, 9998, 9999, 10_000]) {
      const paging = paginationOf(current, 10_000, (n) => `?page=${n}`);
      const links = paging.items.filter((i) => 'href' in i).length + (paging.previous ? 1 : 0) + (paging.next ? 1 : 0);
      expect(links).toBeLessThanOrEqual(9);
      expect(paging.items.filter((i) => 'current' in i && i.current)).toEqual([{ number: current, href: `?page=${current}`, current: true }]);
    }
  });
});

describe('backToResults', () => {
  it('rebuilds a library URL from its own parameters, in the order every link uses', () => {
    expect(backToResults('/case-studies?topics=prevent&q=taxi&page=2')).toBe(
      '/case-studies?q=taxi&topics=prevent&sort=relevance&page=2'
    );
    expect(backToResults('/case-studies')).toBe('/case-studies?sort=newest&page=1');
  });

  it.each([
    'https://evil.example/case-studies?q=x',
    '//evil.example/case-studies',
    '/case-studies/../submit',
    '/case-studiesx?q=1',
    'javascript:alert(1)',
    '/\\evil.example',
    undefined,
    ['/case-studies', '/x'],
    `/case-studies?q=${'a'.repeat(3000)}`,
  ])('anything else (%p) goes back to the whole library', (value) => {
    expect(backToResults(value)).toBe('/case-studies');
  });

  it('drops parameters the library does not know, and unknown regions', () => {
    expect(backToResults('/case-studies?next=https://evil.example&region=atlantis&region2=x')).toBe(
      '/case-studies?sort=newest&page=1'
    );
  });
});

describe('the rest of the query', () => {
  it('reads a year as its first or last day, and leaves other text for the search to refuse', () => {
    expect(dateBound('2019', 'from')).toBe('2019-01-01');
    expect(dateBound('2019', 'to')).toBe('2019-12-31');
    expect(dateBound('2019-03-27', 'from')).toBe('2019-03-27');
    expect(dateBound('last year', 'to')).toBe('last year');
  });

  it('keeps councils, region and dates in links', () => {
    const q = libraryQuery({ councils: ['bristol', 'Bad'], region: 'london', from: '2019', to: '2020-06-01' });
    expect(libraryHref(q, 3)).toBe('/case-studies?councils=bristol&region=london&from=2019&to=2020-06-01&sort=newest&page=3');
  });

  it('names the keyword in the count line, singular and plural', () => {
    expect(countLine('taxi', 1)).toBe('Your search for ‘taxi’ returned 1 result');
    expect(countLine('taxi', 0)).toBe('Your search for ‘taxi’ returned 0 results');
    expect(countLine('', 12345)).toBe('Your search returned 12,345 results');
  });

  it('lets through <mark> and nothing else in a snippet', () => {
    expect(safeSnippet('a <mark>taxi</mark> &lt;b&gt;')).toBe('a <mark>taxi</mark> &lt;b&gt;');
    expect(safeSnippet('<script>x</script><mark onclick=1>y</mark>')).toBe('&lt;script>x&lt;/script>&lt;mark onclick=1>y</mark>');
  });
});
