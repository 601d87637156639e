'use strict';
/**
 * node bench/open-data.js [--import-rows 10000] [--export-rows 100000]
 * Two figures for issue 14, on PostgreSQL (databases of its own, dropped after):
 *  - import: a generated CSV of N case studies through `npm run import -- FILE --publish --create-missing`
 *    (the real CLI, into an empty library), timed;
 *  - export: N case studies bulk-loaded (bench/corpus.js), then GET /case-studies/export.csv streamed from
 *    a production Strapi while its RSS is sampled every 100 ms: rows, seconds, peak RSS.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { fork, execFileSync } = require('child_process');
const { randomBytes } = require('crypto');
const { Client } = require('pg');
const { stringify } = require('csv-stringify/sync');
const { parseCli } = require('../scripts/lib/cli');
const { loadCorpus, caseStudy, prng } = require('./corpus');

const { values } = parseCli({
  usage: `
Usage: node bench/open-data.js [--import-rows N] [--export-rows N]

Times the import of a generated CSV of --import-rows case studies (default 10000) through the CLI, and
streams /case-studies/export.csv of --export-rows bulk-loaded case studies (default 100000) while
sampling Strapi's RSS. Needs PostgreSQL at 127.0.0.1:5432 (TEST_POSTGRES_ADMIN_URL) and npm run build:server.`,
  options: { 'import-rows': { type: 'string', default: '10000' }, 'export-rows': { type: 'string', default: '100000' } },
});

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRETS = { APP_KEYS: 'bench-1,bench-2', API_TOKEN_SALT: 'bench', ADMIN_JWT_SECRET: 'bench', JWT_SECRET: 'bench',
  TRANSFER_TOKEN_SALT: 'bench', ENCRYPTION_KEY: 'bench-encryption-key-0123456789' };
const root = path.join(__dirname, '..');
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');
const admin = async (sql) => { const c = new Client({ connectionString: ADMIN_URL }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };

async function withDatabase(label, fn) {
  const name = `cs_bench_${label}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL); url.pathname = `/${name}`;
  await admin(`CREATE DATABASE "${name}"`);
  const env = { ...process.env, ...SECRETS, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true',
    DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), PUBLIC_URL: 'http://127.0.0.1' };
  try { return await fn(env, url.toString()); } finally { await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); }
}

function start(env, port) {
  const child = fork(path.join(__dirname, 'strapi-server.js'), [], { env: { ...env, PORT: String(port) }, stdio: 'inherit' });
  return new Promise((resolve, reject) => { child.once('message', () => resolve(child)); child.once('exit', (c) => reject(new Error(`exit ${c}`))); });
}
const stop = (child) => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function importFigure(rows) {
  const random = prng(rows);
  const header = ['slug', 'title', 'summary', 'publicationDate', 'topics', 'supportTypes', 'councils', 'section: The challenge', 'section: The solution', 'section: The impact'];
  const lines = [header];
  for (let n = 0; n < rows; n++) {
    const cs = caseStudy(random, n);
    const slug = `${cs.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${n}`.slice(0, 220);
    lines.push([slug, cs.title.slice(0, 200), cs.summary.slice(0, 600), cs.date.toISOString().slice(0, 10), `Topic ${cs.topics[0] + 1}`,
      `Support ${cs.supports[0] ?? 0}`, `Council ${cs.councils[0] + 1}`, ...cs.sections.slice(0, 3).map(([, body]) => body.slice(0, 20000))]);
  }
  const file = path.join(os.tmpdir(), `import-bench-${randomBytes(3).toString('hex')}.csv`);
  fs.writeFileSync(file, stringify(lines));
  try {
    return await withDatabase('import', async (env) => {
      // Strapi creates the schema first (the import then times rows only).
      await stop(await start({ ...env, SEED_SAMPLE_DATA: 'false' }, 1350));
      const before = load();
      const t = Date.now();
      const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'import.js'), file, '--publish', '--create-missing'],
        { env: { ...env, SEED_SAMPLE_DATA: 'false' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const seconds = (Date.now() - t) / 1000;
      return { rows, seconds, perSecond: Math.round(rows / seconds), load: `${before} -> ${load()}`, report: out.split('\n')[0] };
    });
  } finally { fs.rmSync(file, { force: true }); }
}

async function exportFigure(rows) {
  return withDatabase('export', async (env, url) => {
    await stop(await start({ ...env, SEED_SAMPLE_DATA: 'false' }, 1351));
    const client = new Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    await loadCorpus(client, rows, (m) => console.log(m));
    await client.end();
    const strapi = await start({ ...env, SEED_SAMPLE_DATA: 'false' }, 1352); // builds the search index
    try {
      const before = load();
      const idle = rssMb(strapi.pid);
      let peak = idle;
      const timer = setInterval(() => { peak = Math.max(peak, rssMb(strapi.pid)); }, 100);
      const t = Date.now();
      const { bytes, lines } = await new Promise((resolve, reject) => {
        http.get('http://127.0.0.1:1352/case-studies/export.csv', (res) => {
          let size = 0, newlines = 0;
          res.on('data', (chunk) => { size += chunk.length; for (const b of chunk) if (b === 10) newlines++; });
          res.on('end', () => resolve({ bytes: size, lines: newlines }));
          res.on('error', reject);
        }).on('error', reject);
      });
      clearInterval(timer);
      return { rows, seconds: (Date.now() - t) / 1000, megabytes: +(bytes / 1e6).toFixed(1), csvLines: lines, rssIdleMb: Math.round(idle), rssPeakMb: Math.round(peak), load: `${before} -> ${load()}` };
    } finally { await stop(strapi); }
  });
}

(async () => {
  const { serverBuildStaleness, buildServer } = require('../scripts/lib/build-state');
  if (serverBuildStaleness()) buildServer();
  const importRows = Number(values['import-rows']);
  const exportRows = Number(values['export-rows']);
  if (importRows > 0) console.log('import', JSON.stringify(await importFigure(importRows)));
  if (exportRows > 0) console.log('export', JSON.stringify(await exportFigure(exportRows)));
})().catch((e) => { console.error(e); process.exit(1); });
