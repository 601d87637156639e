import { startTestApp, createFullAccessToken, type TestApp } from '../helpers/strapi';

let app: TestApp;
let token: string;
let topicId: string;
beforeAll(async () => {
  app = await startTestApp('content_validation');
  token = await createFullAccessToken(app.strapi);
  topicId = (await app.http().get('/api/topics?filters[slug][$eq]=prevent')).body.data[0].documentId;
});
afterAll(() => app?.close());

const valid = () => ({
  title: 'Testshire Council: a valid case study',
  summary: 'A short standfirst.',
  topics: [topicId],
});

function post(data: unknown, query = '') {
  return app.http().post(`/api/case-studies${query}`).set('Authorization', `Bearer ${token}`).send({ data });
}

function fieldsNamed(body: { error: { details?: { errors?: Array<{ path: string[] }> } } }): string[] {
  return (body.error.details?.errors ?? []).map((e) => e.path.join('.'));
}

async function publishedCount(): Promise<number> {
  return (await app.http().get('/api/case-studies')).body.meta.pagination.total;
}

describe('writing case studies through the API answers bad input with 400 naming the field', () => {
  it('accepts a valid one and derives a unique slug from the title when none is given', async () => {
    const first = await post(valid());
    expect(first.status).toBe(201);
    expect(first.body.data.title).toBe(valid().title);
    expect(first.body.data.slug).toBe('testshire-council-a-valid-case-study');
    const second = await post(valid());
    expect(second.status).toBe(201);
    expect(second.body.data.slug).toBe('testshire-council-a-valid-case-study-1');
  });

  const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['missing title', { title: undefined }, 'title', /title/],
    ['empty title', { title: '' }, 'title', /title/],
    ['over-long title', { title: 'x'.repeat(201) }, 'title', /200/],
    ['over-long summary', { summary: 'x'.repeat(601) }, 'summary', /600/],
    ['wrongly typed summary', { summary: { html: true } }, 'summary', /string/i],
    [
      'a publication date that is not a date',
      { publicationDate: 'next tuesday' },
      'publicationDate',
      /date/i,
    ],
    [
      'a contact email that is not one',
      { contact: { name: 'A', email: 'not-an-email' } },
      'contact.email',
      /email/i,
    ],
    [
      'a link that is not http(s)',
      { externalLinks: [{ label: 'x', url: 'javascript:alert(1)' }] },
      'externalLinks.0.url',
      /./,
    ],
  ];

  it.each(bad)('%s', async (_name, change, field, message) => {
    const before = await publishedCount();
    const res = await post({ ...valid(), slug: `bad-${Math.random().toString(36).slice(2)}`, ...change });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res.body)).toContain(field);
    expect(JSON.stringify(res.body.error)).toMatch(message);
    expect(await publishedCount()).toBe(before);
  });

  it('refuses an unknown topic id', async () => {
    const res = await post({ ...valid(), slug: 'unknown-topic', topics: ['doesnotexist000000000000'] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/topics: no such entry: doesnotexist/);
    expect(fieldsNamed(res.body)).toEqual(['topics']);
  });

  it('refuses to publish a case study without a topic, and keeps nothing of it', async () => {
    const before = await publishedCount();
    const res = await post({ ...valid(), slug: 'no-topic', topics: [] });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res.body)).toContain('topics');
    expect(await publishedCount()).toBe(before);
    const anyVersion = await app.strapi.db
      .query('api::case-study.case-study')
      .count({ where: { slug: 'no-topic' } });
    expect(anyVersion).toBe(0);
  });

  it('stores HTML as text: the API returns it as given, for clients to escape', async () => {
    const title = '<script>alert(1)</script> Council';
    const res = await post({ ...valid(), slug: 'html-title', title });
    expect(res.status).toBe(201);
    expect(res.body.data.title).toBe(title);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post({ ...valid(), summary: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('drafts', () => {
  it('are invisible to the Public role, in REST and GraphQL, until published', async () => {
    const created = await post(
      { ...valid(), slug: 'a-draft', title: 'Draftshire: not yet' },
      '?status=draft'
    );
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;

    const list = await app.http().get('/api/case-studies?filters[slug][$eq]=a-draft');
    expect(list.body.data).toEqual([]);
    expect((await app.http().get(`/api/case-studies/${documentId}`)).status).toBe(404);
    expect((await app.http().get(`/api/case-studies/${documentId}?status=draft`)).status).toBe(404);
    const gql = await app
      .http()
      .post('/graphql')
      .send({ query: `{ caseStudies(status: DRAFT, filters: { slug: { eq: "a-draft" } }) { title } }` });
    expect(gql.body.data?.caseStudies ?? []).toEqual([]);

    await app.strapi.documents('api::case-study.case-study').publish({ documentId });
    const after = await app.http().get(`/api/case-studies/${documentId}`);
    expect(after.status).toBe(200);
    expect(after.body.data.title).toBe('Draftshire: not yet');
  });
});
