#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --size 10000] [-- --duration 10]: for each size, a fresh PostgreSQL database,
 * Strapi creates its schema once, the corpus is bulk-loaded, then autocannon measures stock Strapi
 * REST, the search endpoint and a bare Node + pg server on the same SQL, at 10 and 50 connections.
 * Writes BENCHMARKS.md; drops each database at the end.
 */
const fs = require('fs');
const path = require('path');
const { fork } = require('child_process');
const { randomBytes } = require('crypto');
const { Client } = require('pg');
const autocannon = require('autocannon');
const { loadCorpus, matchFractions } = require('./corpus');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('size') ? arg('size').split(',').map(Number) : [1000, 10000, 100000];
const DURATION = Number(arg('duration', 8));
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const SECRETS = { APP_KEYS: 'bench-a,bench-b', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin',
  JWT_SECRET: 'bench-jwt', TRANSFER_TOKEN_SALT: 'bench-transfer', ENCRYPTION_KEY: 'bench-encryption-key-0123456789' };

async function admin(sql) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

function start(script, env) {
  const child = fork(path.join(__dirname, script), [], { env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
const stop = (child) => new Promise((resolve) => { child.removeAllListeners('exit'); child.once('exit', resolve); child.kill('SIGTERM'); });
const rssMb = (pid) => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

async function measure(url, connections) {
  const r = await autocannon({ url, connections, duration: DURATION, timeout: 10 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, done: r.requests.total,
    failed: r.errors + r.timeouts + r.non2xx };
}
async function drain(url) {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return; } catch { /* still busy */ }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function benchSize(size) {
  const name = `cs_bench_${size}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL); url.pathname = `/${name}`;
  const env = { ...SECRETS, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', DATABASE_CLIENT: 'postgres',
    DATABASE_URL: url.toString(), SEED_SAMPLE_DATA: 'false',
    // 2 cores: more connections than ~2 per core only make PostgreSQL backends contend; requests queue in Node.
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '5' };
  await admin(`CREATE DATABASE "${name}"`);
  const result = { size, rows: [], rss: 0, loadBefore: require('os').loadavg().map((x) => x.toFixed(1)).join(', ') };
  try {
    log(`${size}: Strapi creates the schema`);
    await stop(await start('strapi-server.js', { ...env, PORT: '1340' }));
    const client = new Client({ connectionString: url.toString() });
    client.on('error', () => {}); // the final DROP ... WITH (FORCE) ends it
    await client.connect();
    let t = Date.now();
    const q = await loadCorpus(client, size, log);
    result.loadSeconds = (Date.now() - t) / 1000;
    log(`${size}: loaded in ${result.loadSeconds}s; starting Strapi (builds the search index)`);
    t = Date.now();
    const strapi = await start('strapi-server.js', { ...env, PORT: '1341' });
    result.indexSeconds = (Date.now() - t) / 1000;
    const bare = await start('bare-server.js', { ...env, PORT: '1342' });
    const published = Number((await client.query('SELECT count(*) FROM case_studies WHERE published_at IS NOT NULL')).rows[0].count);
    // Fresh statistics and visibility maps for the filled index tables (as autovacuum would, later).
    await client.query('VACUUM ANALYZE');
    result.match = await matchFractions(client, q);
    const pct = (x) => `${(100 * x).toFixed(1)} %`;
    result.matchText = `"${q.keyword}" matches ${pct(result.match.keyword)} of published studies (stock's ` +
      `\`$containsi\` "${q.containsi}" on title or summary: ${pct(result.match.containsi)}); topic ${q.topic}: ${pct(result.match.topic)}.`;
    log(`${size}: ${result.matchText}`);
    await client.end();
    const sampler = setInterval(() => { result.rss = Math.max(result.rss, rssMb(strapi.pid)); }, 250);
    const S = 'http://127.0.0.1:1341', B = 'http://127.0.0.1:1342';
    const check = await (await fetch(`${S}/api/case-studies/search`)).json();
    if (check.meta.pagination.total !== published) throw new Error(`index total ${check.meta.pagination.total} != ${published}`);
    const questions = [
      ['list, newest first, with total', '/api/case-studies?sort=publicationDate:desc&pagination[pageSize]=10', '/api/case-studies/search?sort=date', '/?sort=date'],
      [`filter by topic (${q.topic})`, `/api/case-studies?filters[topics][slug][$eq]=${q.topic}&populate[0]=topics&populate[1]=supportTypes&sort=publicationDate:desc`,
        `/api/case-studies/search?topics=${q.topic}`, `/?topics=${q.topic}`],
      [`keyword (${q.keyword})`, `/api/case-studies?filters[$or][0][title][$containsi]=${q.containsi}&filters[$or][1][summary][$containsi]=${q.containsi}`,
        `/api/case-studies/search?q=${q.keyword}`, `/?q=${q.keyword}`],
    ];
    for (const connections of [10, 50]) {
      for (const [label, stock, search, bareUrl] of questions) {
        const row = { label, connections };
        row.bare = await measure(B + bareUrl, connections);
        row.search = await measure(S + search, connections);
        row.stock = await measure(encodeURI(S + stock), connections);
        await drain(`${S}/api/topics`);
        log(`${size} c=${connections} ${label}: stock ${row.stock.rps.toFixed(1)} search ${row.search.rps.toFixed(1)} bare ${row.bare.rps.toFixed(1)} req/s; search p99 ${row.search.p99} ms`);
        result.rows.push(row);
      }
    }
    clearInterval(sampler);
    await stop(bare);
    await stop(strapi);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  return result;
}

const fmt = (m) => `${m.rps.toFixed(1)} / ${m.p50} / ${m.p99}${m.failed ? ` (${m.failed} failed)` : ''}`;
function report(results) {
  const lines = ['# Benchmarks', '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${require('os').cpus().length} cores, PostgreSQL, ` +
    `autocannon ${DURATION} s per cell on 127.0.0.1). req/s, then p50 and p99 latency in ms. "stock" is Strapi's REST ` +
    'filters for the same question; "search" is GET /api/case-studies/search (exact total and facet counts included); ' +
    '"bare" is plain Node + pg running the search endpoint\'s own SQL.', ''];
  for (const r of results) {
    lines.push(`## ${r.size.toLocaleString('en-GB')} case studies`, '',
      `Bulk load ${r.loadSeconds.toFixed(0)} s; boot with search index build ${r.indexSeconds.toFixed(0)} s; Strapi peak RSS ${r.rss.toFixed(0)} MB; ` +
      `load average before the run ${r.loadBefore}.`, r.matchText, '',
      '| question | conns | stock req/s / p50 / p99 | search req/s / p50 / p99 | bare req/s / p50 / p99 | search ÷ stock | bare ÷ search |',
      '|---|---|---|---|---|---|---|');
    for (const row of r.rows) {
      lines.push(`| ${row.label} | ${row.connections} | ${fmt(row.stock)} | ${fmt(row.search)} | ${fmt(row.bare)} | ` +
        `${(row.search.rps / Math.max(row.stock.rps, 0.01)).toFixed(1)}× | ${(row.bare.rps / row.search.rps).toFixed(2)}× |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

(async () => {
  const results = [];
  for (const size of SIZES) results.push(await benchSize(size));
  const notes = fs.existsSync(path.join(__dirname, 'NOTES.md')) ? `\n${fs.readFileSync(path.join(__dirname, 'NOTES.md'), 'utf8')}` : '';
  fs.writeFileSync(path.join(__dirname, '..', 'BENCHMARKS.md'), `${report(results)}${notes}`);
  log('wrote BENCHMARKS.md');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
