import { libraryQuery, searchParams } from './pages';
import { parseSearchParams } from '../../../../../search/params';

/** The library page's query string, and its translation into the search API's parameters (no Strapi needed). */
describe('libraryQuery', () => {
  it('keeps repeated checkboxes as lists of slugs, once each, and drops anything that is not a slug', () => {
    const q = libraryQuery({ topics: ['prevent', 'prevent', 'Bad Slug', '<x>'], supportTypes: 'funding' });
    expect(q.topics).toEqual(['prevent']);
    expect(q.supportTypes).toEqual(['funding']);
  });

  it('sorts by relevance by default with a keyword, by date without, and never by relevance without one', () => {
    expect(libraryQuery({ q: 'taxi' }).sort).toBe('relevance');
    expect(libraryQuery({}).sort).toBe('newest');
    expect(libraryQuery({ sort: 'relevance' }).sort).toBe('newest');
    expect(libraryQuery({ q: 'taxi', sort: 'title' }).sort).toBe('title');
    expect(libraryQuery({ sort: 'nonsense' }).sort).toBe('newest');
  });

  it('bounds the page number', () => {
    expect(libraryQuery({ page: '0' }).page).toBe(1);
    expect(libraryQuery({ page: 'abc' }).page).toBe(1);
    expect(libraryQuery({ page: '99999999' }).page).toBe(10_000);
    expect(libraryQuery({ page: '2.7' }).page).toBe(2);
  });

  it("asks the search API's own parser the same question, which accepts it", () => {
    const params = searchParams(libraryQuery({ q: 'taxi drivers', topics: ['prevent', 'funding'], sort: 'title', page: '2' }));
    expect(params).toEqual({ q: 'taxi drivers', topics: 'prevent,funding', sort: 'title', page: '2', pageSize: '10' });
    expect(parseSearchParams(params)).toMatchObject({ words: ['taxi', 'drivers'], topics: ['prevent', 'funding'], page: 2 });
    expect(searchParams(libraryQuery({})).sort).toBe('date');
  });
});
