import type { Knex } from 'knex';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { postgresBackend } from '../../src/search/backends/postgres';
import { strapiTables } from '../../src/search/tables';

/**
 * A full rebuild of the search index runs statements that take minutes at 100,000 studies. The
 * connection's client-side read timeout (config/database.ts query_timeout: a dead network fails a
 * request fast) ended them at 15 s, so a large library could not boot after a search-index migration.
 * Here the transaction's connection gets a 1 ms read timeout once it has begun: every statement of a
 * rebuild would exceed it without its own bound.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('search_rebuild');
}, 120_000);
afterAll(() => app?.close());

it('rebuilds the whole index on a connection whose read timeout is 1 ms, and search answers as before', async () => {
  const search = async () => (await app.http().get('/api/case-studies/search?q=prevents&pageSize=100').expect(200)).body;
  const before = await search();
  expect(before.meta.pagination.total).toBeGreaterThan(0);
  const backend = postgresBackend(strapiTables(app.strapi));
  const knex = app.strapi.db.connection as unknown as Knex;
  await knex.transaction(async (trx) => {
    const connection = (await trx.client.acquireConnection()) as { connectionParameters: { query_timeout?: number } };
    const usual = connection.connectionParameters.query_timeout;
    connection.connectionParameters.query_timeout = 1;
    try {
      await backend.rebuild(trx);
    } finally {
      connection.connectionParameters.query_timeout = usual; // the connection goes back to the app's pool
    }
  });
  const { count } = (await knex.raw('SELECT count(*)::int AS count FROM search_facts')).rows[0];
  expect(count).toBeGreaterThan(0);
  expect((await search()).data.map((d: { slug: string }) => d.slug)).toEqual(before.data.map((d: { slug: string }) => d.slug));
});
