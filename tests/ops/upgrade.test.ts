import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { rowCounts } from './support/tables';
import { PASSWORD } from './support/fill';

/**
 * The previous release's database (f55e01e: a dump of one it created and filled, see
 * tests/fixtures/upgrade/make-fixture.js) under the current code. Written to stay right as
 * migrations are added: whatever is in database/migrations must run exactly once, every table the
 * old release had keeps its rows, and the search answers equal those of a rebuilt index.
 */
const appDir = path.join(__dirname, '..', '..');
const FIXTURE = path.join(appDir, 'tests', 'fixtures', 'upgrade', `f55e01e.${TEST_DB}.sql`);
const MIGRATIONS = fs
  .readdirSync(path.join(appDir, 'database', 'migrations'))
  .filter((f) => /\.(js|cjs|mjs|ts)$/.test(f));
/**
 * Tables whose rows Strapi itself rewrites at every boot from the code, so their counts follow the
 * code, not the data: the permissions it registers, its stored schema and settings, and the migration logs.
 */
const REGENERATED = new Set([
  'admin_permissions',
  'admin_permissions_role_lnk',
  'strapi_core_store_settings',
  'strapi_database_schema',
  'strapi_migrations',
  'strapi_migrations_internal',
  'up_permissions',
  'up_permissions_role_lnk',
]);
/**
 * The search index's tables hold what is derived from the content: a search-index migration may drop
 * and rebuild them in a new shape (the second one replaced search_facet_totals). They are judged by
 * their answers instead: the same as after a full rebuild (below).
 */
const DERIVED = (table: string) => table.startsWith('search_');
const SEARCHES = [
  '',
  'q=reading',
  'q=children&sort=date',
  'topics=children-and-young-people',
  'q=council&sort=title&pageSize=5',
];

let database: TestDatabase;
let app: TestApp | undefined;

async function loadFixture(target: TestDatabase) {
  if (TEST_DB === 'postgres') {
    await new Promise<void>((resolve, reject) =>
      // the dump creates the public schema itself
      execFile(
        'psql',
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          'DROP SCHEMA public CASCADE',
          '-f',
          FIXTURE,
          target.env.DATABASE_URL,
        ],
        (error, _out, stderr) => (error ? reject(new Error(stderr)) : resolve())
      )
    );
    return;
  }
  const db = new Database(target.env.DATABASE_FILENAME);
  try {
    db.exec(fs.readFileSync(FIXTURE, 'utf8'));
  } finally {
    db.close();
  }
}

async function sql(query: string): Promise<Array<Record<string, unknown>>> {
  if (TEST_DB === 'postgres') {
    const client = new Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(query)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(database.env.DATABASE_FILENAME);
  try {
    const statement = db.prepare(query);
    return statement.reader ? (statement.all() as Array<Record<string, unknown>>) : (statement.run(), []);
  } finally {
    db.close();
  }
}

const migrationRuns = async () =>
  (await sql('SELECT name FROM strapi_migrations')).map((row) => row.name as string).sort();

const searchAnswers = async (running: TestApp) => {
  const answers: unknown[] = [];
  for (const query of SEARCHES) {
    const res = await running.http().get(`/api/case-studies/search?${query}`);
    expect(res.status).toBe(200);
    answers.push(res.body);
  }
  return answers;
};

beforeAll(async () => {
  database = await createTestDatabase('upgrade');
  await loadFixture(database);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

it('boots the current code on the previous release database: migrations once, data kept, search as rebuilt', async () => {
  const before = await rowCounts(database);
  expect(before.submissions_submissions).toBeGreaterThanOrEqual(9);
  const migrationsBefore = await migrationRuns();

  app = await startTestApp('upgrade', {}, { database });

  // Every migration of this code has run, and each exactly once (the old ones were not run again).
  const runs = await migrationRuns();
  expect(runs).toEqual([...new Set(runs)]);
  expect(runs).toEqual(expect.arrayContaining(MIGRATIONS));
  expect(runs).toEqual(expect.arrayContaining(migrationsBefore));

  // Every table of the old release keeps its rows (new tables may appear).
  const after = await rowCounts(database);
  const changed = Object.keys(before)
    .filter((table) => !REGENERATED.has(table) && !DERIVED(table) && after[table] !== before[table])
    .map((table) => `${table}: ${before[table]} -> ${after[table] ?? 'gone'}`);
  expect(changed).toEqual([]);
  console.log(
    `upgrade (${TEST_DB}): ${Object.keys(before).length} tables kept their rows (${Object.values(before).reduce((a, b) => a + b, 0)} rows); ` +
      `migrations run: ${runs.length}, new this boot: ${runs.length - migrationsBefore.length}`
  );

  // The data works: officers and editors sign in and see their work as it was.
  const officer = await app
    .http()
    .post('/api/auth/local')
    .send({ identifier: 'alice@bristol.gov.uk', password: PASSWORD });
  expect(officer.status).toBe(200);
  const mine = await app
    .http()
    .get('/api/submissions?pageSize=100')
    .set('Authorization', `Bearer ${officer.body.jwt}`);
  expect(mine.status).toBe(200);
  expect(new Set(mine.body.data.map((s: { state: string }) => s.state))).toEqual(
    new Set(['draft', 'in_review', 'approved', 'published', 'archived'])
  );
  const editor = await app
    .http()
    .post('/admin/login')
    .send({ email: 'rita.reviewer@lga.test', password: PASSWORD });
  expect(editor.status).toBe(200);
  const queue = await app
    .http()
    .get('/submissions/queue?pageSize=100')
    .set('Authorization', `Bearer ${editor.body.data.token}`);
  expect(queue.status).toBe(200);
  const published = await app
    .http()
    .get('/api/case-studies?filters[title][$eq]=Bristol: published after changes');
  expect(published.body.data).toHaveLength(1);

  // The search index as the upgrade left it answers like one rebuilt from the data.
  const upgradedAnswers = await searchAnswers(app);
  await app.close();
  app = undefined;
  await sql(`UPDATE search_index_state SET built = ${TEST_DB === 'postgres' ? 'false' : '0'}`);
  app = await startTestApp('upgrade_rebuilt', {}, { database });
  expect((await sql('SELECT built FROM search_index_state'))[0].built).toBeTruthy();
  expect(await searchAnswers(app)).toEqual(upgradedAnswers);
  // and a second boot runs no migration again
  expect(await migrationRuns()).toEqual(runs);
}, 240_000);
