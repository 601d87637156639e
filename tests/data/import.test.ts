import { execFileSync } from 'child_process';
import path from 'path';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { TEST_DB } from '../helpers/database';
import { runImport, type ImportReport } from '../../dist/src/import/run-import';

const getText = async (app: TestApp, p: string) => {
  const res = await app.http().get(p);
  expect(res.status).toBe(200);
  return res.text;
};

const slugsIn = async (app: TestApp, status: 'draft' | 'published') =>
  ((await app.strapi.documents('api::case-study.case-study').findMany({ status, fields: ['slug'], limit: 1000 } as never)) as unknown as Array<{ slug: string }>)
    .map((d) => d.slug)
    .sort();

const where = (report: ImportReport) => report.problems.map((p) => `${p.where} ${p.field}`);

describe(`Import (${TEST_DB})`, () => {
  let exportedJson: string;
  let exportedCsv: string;

  test('round trip: the sample data exported, imported into an empty database, exported again, is the same file (JSON and CSV)', async () => {
    const seeded = await startTestApp('import_source');
    try {
      exportedJson = await getText(seeded, '/case-studies/export.json');
      exportedCsv = await getText(seeded, '/case-studies/export.csv');
    } finally {
      await seeded.close();
    }
    const viaJson = await startTestApp('import_json', { SEED_SAMPLE_DATA: 'false' });
    try {
      expect(await slugsIn(viaJson, 'draft')).toEqual([]);
      const report = await runImport(viaJson.strapi, 'library.json', Buffer.from(exportedJson), { publish: true, createMissing: true });
      expect(report.problems).toEqual([]);
      expect(report.created).toBe(JSON.parse(exportedJson).data.length);
      expect(await getText(viaJson, '/case-studies/export.json')).toBe(exportedJson);
      // Twice changes nothing.
      const again = await runImport(viaJson.strapi, 'library.json', Buffer.from(exportedJson), { publish: true });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: report.created, problems: [] });
    } finally {
      await viaJson.close();
    }
    const viaCsv = await startTestApp('import_csv', { SEED_SAMPLE_DATA: 'false' });
    try {
      const report = await runImport(viaCsv.strapi, 'library.csv', Buffer.from(exportedCsv), { publish: true, createMissing: true });
      expect(report.problems).toEqual([]);
      expect(await getText(viaCsv, '/case-studies/export.csv')).toBe(exportedCsv);
      // The search index follows the import (it went through the Document Service).
      const search = await viaCsv.http().get('/api/case-studies/search?topics=prevent');
      expect(search.body.meta.pagination.total).toBe(JSON.parse(exportedJson).data.filter((r: { topics: Array<{ slug: string }> }) => r.topics.some((t) => t.slug === 'prevent')).length);
    } finally {
      await viaCsv.close();
    }
  });

  describe('on a library', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('import_rows', { SEED_SAMPLE_DATA: 'true' });
    });
    afterAll(() => app?.close());

    const header = 'slug,title,summary,publicationDate,topics,councils,contactName,contactEmail,externalLinks,section: The challenge';
    const good = (slug: string, extra = '') => `${slug},Title ${slug},A summary.,2016-05-01,prevent,bristol-city-council,Jo,jo@bristol.gov.uk,,Text${extra}`;
    const badFile = [
      header,
      good('good-one'), // line 2
      ',,No title.,2016-05-01,prevent,,,,,', // 3: missing title (and so no slug)
      `long-summary,Long,${'x'.repeat(601)},2016-05-01,prevent,,,,,`, // 4
      'unknown-topic,Unknown,S,2016-05-01,basket-weaving,,,,,', // 5
      'bad-date,Bad date,S,2015-02-29,prevent,,,,,', // 6
      'html,HTML,<script>alert(1)</script>,2016-05-01,prevent,,,,,', // 7
      good('good-one'), // 8: duplicate slug
      'control,Bell\u0007,S,2016-05-01,prevent,,,,,', // 9
      'too-many,Too,many,2016-05-01,prevent,,,,,,extra,cells', // 10
      'bad-email,E,S,2016-05-01,prevent,,Jo,jo@@bristol.gov.uk,,', // 11
      'bad-link,L,S,2016-05-01,prevent,,,,javascript:alert(1),', // 12
      'Bad Slug!,B,S,2016-05-01,prevent,,,,,', // 13
      'unknown-council,C,S,2016-05-01,prevent,atlantis-council,,,,', // 14
      'no-topic,N,S,2016-05-01,,,,,,', // 15 (publishing needs a topic)
      good('good-two'), // 16
      'stray-quote,"Stray" quote,S,2016-05-01,prevent,,,,,', // 17: a quoted cell gone wrong swallows the rest
      good('swallowed'), // 18
    ].join('\n');

    test('a CSV with every kind of bad row: each named by line and field; the good rows import; nothing half-written', async () => {
      const dry = await runImport(app.strapi, 'bad.csv', Buffer.from(badFile), { publish: true, dryRun: true });
      expect(dry.created).toBe(2);
      expect(await slugsIn(app, 'draft')).not.toContain('good-one');

      const report = await runImport(app.strapi, 'bad.csv', Buffer.from(badFile), { publish: true });
      expect(where(report)).toEqual(
        expect.arrayContaining([
          'line 3 title', 'line 3 slug', 'line 4 summary', 'line 5 topics', 'line 6 publicationDate', 'line 7 summary',
          'line 8 slug', 'line 9 title', 'line 10 row', 'line 11 contactEmail', 'line 12 externalLinks', 'line 13 slug',
          'line 14 councils', 'line 15 topics', 'line 17 row',
        ])
      );
      expect(report.problems.find((p) => p.where === 'line 5')!.message).toContain('unknown topic "basket-weaving"');
      expect(report.created).toBe(2);
      const drafts = await slugsIn(app, 'draft');
      const live = await slugsIn(app, 'published');
      expect(drafts.filter((s) => ['good-one', 'good-two'].includes(s))).toEqual(['good-one', 'good-two']);
      expect(live).toEqual(expect.arrayContaining(['good-one', 'good-two']));
      for (const bad of ['long-summary', 'unknown-topic', 'bad-date', 'html', 'control', 'too-many', 'bad-email', 'bad-link', 'unknown-council', 'no-topic', 'swallowed'])
        expect(drafts).not.toContain(bad);
    });

    test('files refused whole: wrong encoding, empty, wrong header', async () => {
      const latin1 = Buffer.from(`${header}\n${good('latin')}\ncafe,Caf\u00e9,S,2016-05-01,prevent,,,,,\n`, 'latin1');
      for (const [name, bytes, expected] of [
        ['latin1.csv', latin1, 'line 3 file'],
        ['empty.csv', Buffer.alloc(0), 'line 1 file'],
        ['header.csv', Buffer.from('name,description\nx,y\n'), 'line 1 title'],
      ] as const) {
        const report = await runImport(app.strapi, name, bytes, { publish: true });
        expect(where(report)).toContain(expected);
        expect(report).toMatchObject({ created: 0, updated: 0, nothingWritten: true });
      }
      expect(await slugsIn(app, 'draft')).not.toContain('latin');
    });

    test('--atomic: one bad row and nothing imports; without it, drafts unless --publish, and --create-missing creates terms', async () => {
      const file = [header, good('atomic-one'), 'atomic-bad,Bad,S,2016-02-30,prevent,,,,,'].join('\n');
      const atomic = await runImport(app.strapi, 'atomic.csv', Buffer.from(file), { atomic: true, publish: true });
      expect(where(atomic)).toEqual(['line 3 publicationDate']);
      expect(await slugsIn(app, 'draft')).not.toContain('atomic-one');

      const drafts = [header, good('draft-only').replace('prevent', 'Brand new topic')].join('\n');
      const refused = await runImport(app.strapi, 'new.csv', Buffer.from(drafts));
      expect(where(refused)).toEqual(['line 2 topics']);
      const created = await runImport(app.strapi, 'new.csv', Buffer.from(drafts), { createMissing: true });
      expect(created.createdTerms).toEqual(['topic "Brand new topic" (brand-new-topic)']);
      expect(await slugsIn(app, 'draft')).toContain('draft-only');
      expect(await slugsIn(app, 'published')).not.toContain('draft-only');
    });

    test('the CLI: --help, and an unknown flag is refused', () => {
      const script = path.join(__dirname, '..', '..', 'scripts', 'import.js');
      expect(execFileSync(process.execPath, [script, '--help'], { encoding: 'utf8' })).toContain('--create-missing');
      expect(() => execFileSync(process.execPath, [script, 'x.csv', '--force'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/Unknown option '--force'/);
    });
  });
});
