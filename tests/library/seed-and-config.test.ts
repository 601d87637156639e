import path from 'path';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { sample } from '../helpers/sample-data';
import { seedSampleData, readSampleData } from '../../dist/src/seed/sample-data';
import { PUBLIC_READ_ACTIONS, grantPublicRead } from '../../dist/src/bootstrap/public-permissions';
import { assertProductionSecrets, missingSecrets } from '../../dist/src/lib/secrets';

// What Node prints to stderr while this file's Strapi boots, seeds and writes: the driver's
// warnings land there (see 'the database connection' below).
const stderr: string[] = [];
const writeStderr = process.stderr.write.bind(process.stderr);

let app: TestApp;
beforeAll(async () => {
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    stderr.push(String(chunk));
    return writeStderr(chunk, ...rest);
  }) as typeof process.stderr.write;
  app = await startTestApp('seed_config');
});
afterAll(() => {
  process.stderr.write = writeStderr;
});
afterAll(() => app?.close());

const UIDS = [
  'api::case-study.case-study',
  'api::topic.topic',
  'api::support-type.support-type',
  'api::council.council',
] as const;

async function snapshot() {
  const rows: Record<string, unknown> = {};
  for (const uid of UIDS) {
    rows[uid] = await app.strapi.db
      .query(uid)
      .findMany({ select: ['id', 'documentId', 'updatedAt', 'publishedAt'], orderBy: { id: 'asc' } });
  }
  return rows;
}

describe('sample data', () => {
  it('was loaded on the first boot: every sample entry, published', async () => {
    expect(await app.strapi.documents('api::case-study.case-study').count({ status: 'published' })).toBe(
      sample.caseStudies.length
    );
    expect(await app.strapi.documents('api::topic.topic').count({})).toBe(sample.topics.length);
    expect(await app.strapi.documents('api::council.council').count({})).toBe(sample.councils.length);
    expect(await app.strapi.documents('api::support-type.support-type').count({})).toBe(
      sample.supportTypes.length
    );
  });

  it('seeding again changes nothing', async () => {
    const before = await snapshot();
    const report = await seedSampleData(app.strapi, readSampleData(path.join(__dirname, '..', '..')));
    expect(report.created).toEqual({});
    expect(report.existing['api::case-study.case-study']).toBe(sample.caseStudies.length);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves an entry an editor changed as the editor left it', async () => {
    const topic = await app.strapi.documents('api::topic.topic').findFirst({ filters: { slug: 'prevent' } });
    await app.strapi
      .documents('api::topic.topic')
      .update({ documentId: topic!.documentId, data: { name: 'Prevent (edited)' } });
    await seedSampleData(app.strapi, readSampleData(path.join(__dirname, '..', '..')));
    const after = await app.strapi.documents('api::topic.topic').findFirst({ filters: { slug: 'prevent' } });
    expect(after!.name).toBe('Prevent (edited)');
  });
});

describe('Public role permissions', () => {
  it('grants exactly the read actions, once, however often bootstrap runs', async () => {
    await grantPublicRead(app.strapi);
    await grantPublicRead(app.strapi);
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } });
    const rows = await app.strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: role.id, action: { $in: PUBLIC_READ_ACTIONS } },
    });
    expect(rows.map((r: { action: string }) => r.action).sort()).toEqual([...PUBLIC_READ_ACTIONS].sort());
  });
});

describe('secrets', () => {
  const complete = {
    APP_KEYS: 'a,b',
    API_TOKEN_SALT: 's',
    ADMIN_JWT_SECRET: 's',
    JWT_SECRET: 's',
    TRANSFER_TOKEN_SALT: 's',
    ENCRYPTION_KEY: 's',
  };

  it('in production, a missing or placeholder secret stops the start, naming it', () => {
    const env = { ...complete, NODE_ENV: 'production', JWT_SECRET: '', ENCRYPTION_KEY: 'tobemodified' };
    expect(() => assertProductionSecrets(env)).toThrow(
      /Missing secrets in production: JWT_SECRET, ENCRYPTION_KEY/
    );
    expect(() => assertProductionSecrets({ ...complete, NODE_ENV: 'production' })).not.toThrow();
  });

  it('outside production, nothing stops the start (npm start generates a .env)', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(missingSecrets({})).toHaveLength(6);
  });
});

describe('the first administrator', () => {
  it('registers on a new database, as a super admin (README: first visit to /admin)', async () => {
    const res = await app.http().post('/admin/register-admin').send({
      firstname: 'Ada',
      lastname: 'Editor',
      email: 'ada@example.org',
      password: 'Str0ng-password',
    });
    expect(res.status).toBe(200);
    const user = await app.strapi.db
      .query('admin::user')
      .findOne({ where: { email: 'ada@example.org' }, populate: ['roles'] });
    expect(user.roles.map((r: { code: string }) => r.code)).toEqual(['strapi-super-admin']);
    expect(
      (
        await app
          .http()
          .post('/admin/register-admin')
          .send({ firstname: 'B', email: 'b@example.org', password: 'Str0ng-password' })
      ).status
    ).toBeGreaterThanOrEqual(400);
  });
});

describe('the database connection', () => {
  it('never has two queries at once: seeding and a many-relation write raise no driver warning', async () => {
    // Strapi validates and populates relations with Promise.all inside its transaction (one
    // connection); pg warns "already executing a query" and pg@9 refuses it. config/database.ts queues them.
    const [topics, supportTypes, councils] = await Promise.all(
      ['api::topic.topic', 'api::support-type.support-type', 'api::council.council'].map((uid) =>
        app.strapi.db.query(uid as never).findMany({ select: ['documentId'], limit: 3 })
      )
    );
    const ids = (rows: { documentId: string }[]) => rows.map((r) => r.documentId);
    await app.strapi.documents('api::case-study.case-study').create({
      data: {
        title: 'Many relations at once',
        summary: 'Written with topics, support types and councils in one transaction.',
        topics: ids(topics),
        supportTypes: ids(supportTypes),
        councils: ids(councils),
      } as never,
      status: 'published',
    });
    await new Promise((resolve) => setImmediate(resolve)); // warnings are printed on the next tick
    expect(stderr.filter((line) => /Warning/.test(line))).toEqual([]);
  });

  it('a failure in work after a commit is logged, the write kept, and never ends the process', async () => {
    // Strapi's document events run this way (fire and forget): under a busy pool their read-back
    // failed with an unhandled rejection, which ends a Node process.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const uid = 'api::topic.topic' as never;
      await app.strapi.db.transaction(async ({ onCommit }) => {
        await app.strapi.db.query(uid).create({ data: { name: 'Kept after a failed event', slug: 'kept-after-event' } });
        onCommit(() => Promise.reject(new Error('the read-back failed')));
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(app.logs.claim(/Work after a commit failed \(the write is kept\): the read-back failed/)).toHaveLength(1);
      expect(await app.strapi.db.query(uid).findOne({ where: { slug: 'kept-after-event' } })).toBeTruthy();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('TypeScript types of the content model', () => {
  it('types/generated matches the schemas (run `npm run types` after changing a content type)', () => {
    // Strapi's generator imports prettier as an ES module, which Jest's sandbox cannot: run the CLI.
    const { execFileSync } = require('child_process') as typeof import('child_process');
    const fs = require('fs') as typeof import('fs');
    const appDir = path.join(__dirname, '..', '..');
    const outDir = `.tmp/types-check-${process.pid}`;
    try {
      execFileSync(
        process.execPath,
        [
          path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
          'ts:generate-types',
          '--silent',
          '--out-dir',
          outDir,
        ],
        {
          cwd: appDir,
          env: {
            ...process.env,
            DATABASE_CLIENT: 'sqlite',
            DATABASE_FILENAME: `${outDir}/data.db`,
            SEED_SAMPLE_DATA: 'false',
          },
          stdio: 'pipe',
        }
      );
      for (const file of ['contentTypes.d.ts', 'components.d.ts']) {
        const generated = fs.readFileSync(path.join(appDir, outDir, 'generated', file), 'utf8');
        expect(generated).toBe(fs.readFileSync(path.join(appDir, 'types', 'generated', file), 'utf8'));
      }
    } finally {
      fs.rmSync(path.join(appDir, outDir), { recursive: true, force: true });
    }
  });
});
