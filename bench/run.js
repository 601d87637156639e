#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --size 10000,100000] [-- --duration 8]: see USAGE. For each size: a fresh
 * PostgreSQL database, Strapi creates its schema, the corpus is bulk-loaded, then autocannon measures
 * stock Strapi REST, the search endpoint (cache on, then a process with it off) and a bare Node + pg
 * server running the search's own code, single URLs and a mixed workload. Writes BENCHMARKS.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { fork } = require('child_process');
const { randomBytes } = require('crypto');
const { Client } = require('pg');
const autocannon = require('autocannon');
const { loadCorpus, matchFractions } = require('./corpus');
const { mixedWorkload } = require('./workload');
const V = require('./vocabulary');

const USAGE = `Usage: npm run bench -- [--size N[,N...]] [--duration SECONDS] [--mixed-duration SECONDS]
                       [--strapi-heap MB] [--out FILE] [--help]

  --size              case studies per run, comma-separated (default 10000,100000)
  --duration          seconds per single-URL cell (default 8)
  --mixed-duration    seconds per mixed-workload cell (default 12)
  --strapi-heap       cap the Strapi processes' V8 old space (node --max-old-space-size=MB); default: Node's own
  --out               where the report goes (default BENCHMARKS.md in the project)
  --help              print this and exit

Needs PostgreSQL (BENCH_POSTGRES_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres) and a
compiled app (npm run bench compiles it first). Writes BENCHMARKS.md (figures + bench/NOTES.md).`;

let options;
try {
  options = parseArgs({
    options: {
      size: { type: 'string', default: '10000,100000' },
      duration: { type: 'string', default: '8' },
      'mixed-duration': { type: 'string', default: '12' },
      'strapi-heap': { type: 'string' },
      out: { type: 'string', default: path.join(__dirname, '..', 'BENCHMARKS.md') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const SIZES = options.size.split(',').map(Number);
const DURATION = Number(options.duration);
const MIXED_DURATION = Number(options['mixed-duration']);
const STRAPI_HEAP_MB = options['strapi-heap'] === undefined ? undefined : Number(options['strapi-heap']);
if (SIZES.some((n) => !Number.isInteger(n) || n < 100) || !(DURATION > 0) || !(MIXED_DURATION > 0)) {
  console.error(`--size takes whole numbers of at least 100, --duration and --mixed-duration positive seconds\n\n${USAGE}`);
  process.exit(2);
}
if (STRAPI_HEAP_MB !== undefined && !(Number.isInteger(STRAPI_HEAP_MB) && STRAPI_HEAP_MB >= 64)) {
  console.error(`--strapi-heap takes a whole number of megabytes, at least 64\n\n${USAGE}`);
  process.exit(2);
}
// Strapi's processes can be asked for a full collection (strapi-server.js 'live'): what the heap really holds.
const STRAPI_EXEC_ARGV = ['--expose-gc', ...(STRAPI_HEAP_MB ? [`--max-old-space-size=${STRAPI_HEAP_MB}`] : [])];

// Compile the app (the bench runs dist/); after the arguments, so --help and a bad flag answer at once.
require('child_process').execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });

const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const SECRETS = { APP_KEYS: 'bench-a,bench-b', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin',
  JWT_SECRET: 'bench-jwt', TRANSFER_TOKEN_SALT: 'bench-transfer', ENCRYPTION_KEY: 'bench-encryption-key-0123456789' };
const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const loadAverage = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');

async function admin(sql) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

function start(script, env) {
  const execArgv = script === 'strapi-server.js' ? STRAPI_EXEC_ARGV : [];
  const child = fork(path.join(__dirname, script), [], { env: { ...process.env, ...env }, stdio: 'inherit', execArgv });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(Object.assign(child, { info: message })));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
const stop = (child) => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.removeAllListeners('exit');
  child.once('exit', resolve);
  child.kill('SIGTERM');
});
const statsOf = (child) => new Promise((resolve) => {
  const on = (m) => { if (m && m.stats) { child.off('message', on); resolve(m.stats); } };
  child.on('message', on);
  child.send('stats');
});
/** Memory after a full collection: the live set, apart from garbage V8 had not yet collected at the peak. */
const liveOf = (child) => new Promise((resolve) => {
  const on = (m) => { if (m && m.live) { child.off('message', on); resolve(m.live); } };
  child.on('message', on);
  child.send('live');
});
const rssMb = (pid) => {
  try { return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024; } catch { return 0; }
};

function summary(r) {
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, done: r.requests.total,
    failed: r.errors + r.timeouts + r.non2xx };
}
const measure = async (url, connections, duration = DURATION) =>
  summary(await autocannon({ url, connections, duration, timeout: 10 }));

/** Replays the mixed workload against `base`; `during(elapsedMs)` may run something mid-way. */
async function measureMixed(base, workload, connections, during) {
  let next = 0;
  const run = autocannon({ url: base, connections, duration: MIXED_DURATION, timeout: 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: workload.paths[workload.order[next++ % workload.order.length]] }) }] });
  const extra = during ? new Promise((r) => setTimeout(r, 3000)).then(during) : undefined;
  const result = summary(await run);
  const distinct = new Set(workload.order.slice(0, Math.min(next, workload.order.length))).size;
  return { ...result, sent: next, distinct, extra: await extra };
}

async function drain(url) {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return; } catch { /* still busy */ }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The single-URL questions: [label, stock REST path or null, search query]. Add a row to add a question. */
function questions(q) {
  const t = q.topic;
  return [
    ['listing, newest first, with total and facets', '/api/case-studies?sort=publicationDate:desc&pagination[pageSize]=10', 'sort=date'],
    [`topic on 23 % (${t})`, `/api/case-studies?filters[topics][slug][$eq]=${t}&populate[0]=topics&populate[1]=supportTypes&sort=publicationDate:desc`, `topics=${t}`],
    [`keyword (${q.keyword})`, `/api/case-studies?filters[$or][0][title][$containsi]=${q.keyword}&filters[$or][1][summary][$containsi]=${q.keyword}`, `q=${q.keyword}`],
    [`keyword + topic (${q.keyword}, ${t})`, `/api/case-studies?filters[$or][0][title][$containsi]=${q.keyword}&filters[$or][1][summary][$containsi]=${q.keyword}&filters[topics][slug][$eq]=${t}`, `q=${q.keyword}&topics=${t}`],
    [`two topics + support type (${q.topicsPair.join(', ')}; ${q.support})`,
      `/api/case-studies?filters[topics][slug][$in][0]=${q.topicsPair[0]}&filters[topics][slug][$in][1]=${q.topicsPair[1]}&filters[supportTypes][slug][$eq]=${q.support}&populate[0]=topics`,
      `topics=${q.topicsPair.join(',')}&supportTypes=${q.support}`],
  ];
}

async function benchSize(size) {
  const name = `cs_bench_${size}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL); url.pathname = `/${name}`;
  const env = { ...SECRETS, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', DATABASE_CLIENT: 'postgres',
    DATABASE_URL: url.toString(), SEED_SAMPLE_DATA: 'false',
    // 2 cores: more connections than ~2 per core only make PostgreSQL backends contend; requests queue in Node.
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '5' };
  const result = { size, rows: [], mixed: [], rss: {}, loadBefore: loadAverage(), started: Date.now() };
  await admin(`CREATE DATABASE "${name}"`);
  const children = [];
  const sampler = setInterval(() => {
    for (const [label, child] of children) result.rss[label] = Math.max(result.rss[label] ?? 0, rssMb(child.pid));
  }, 250);
  try {
    log(`${size}: Strapi creates the schema (load average ${result.loadBefore})`);
    await stop(await start('strapi-server.js', { ...env, PORT: '1340' }));
    const client = new Client({ connectionString: url.toString() });
    client.on('error', () => {}); // the final DROP ... WITH (FORCE) ends it
    await client.connect();
    let t = Date.now();
    const q = await loadCorpus(client, size, log);
    Object.assign(q, { topicsPair: [slugify(V.TOPICS[3]), slugify(V.TOPICS[6])], support: slugify(V.SUPPORT_TYPES[0]) });
    result.loadSeconds = (Date.now() - t) / 1000;
    log(`${size}: loaded in ${result.loadSeconds}s; starting Strapi (builds the search index)`);
    t = Date.now();
    const warm = await start('strapi-server.js', { ...env, PORT: '1341' });
    children.push(['Strapi, cache on', warm]);
    result.indexSeconds = (Date.now() - t) / 1000;
    await client.query('VACUUM ANALYZE');
    result.match = await matchFractions(client, q);
    const published = result.match.published;
    const pct = (x) => `${(100 * x).toFixed(1)} %`;
    result.matchText = `"${q.keyword}" matches ${pct(result.match.keyword)} of published studies (stock's ` +
      `\`$containsi\` on title or summary: ${pct(result.match.containsi)}); topic ${q.topic}: ${pct(result.match.topic)}.`;
    log(`${size}: ${result.matchText}`);
    await client.end();
    const S = 'http://127.0.0.1:1341';
    const check = await (await fetch(`${S}/api/case-studies/search`)).json();
    if (check.meta.pagination.total !== published) throw new Error(`index total ${check.meta.pagination.total} != ${published}`);
    const bareWarm = await start('bare-server.js', { ...env, PORT: '1342' });
    children.push(['bare, cache on', bareWarm]);
    const rows = questions(q).map(([label, stock, search]) => ({ label, stock, search }));
    for (const row of rows) {
      row.stockM = row.stock ? await measure(encodeURI(S + row.stock), 10) : undefined;
      await drain(`${S}/api/topics`);
      row.warm = await measure(`${S}/api/case-studies/search?${row.search}`, 10);
      row.bareWarm = await measure(`http://127.0.0.1:1342/?${row.search}`, 10);
      log(`${size} ${row.label}: stock ${row.stockM?.rps.toFixed(1)} search ${row.warm.rps.toFixed(1)} bare ${row.bareWarm.rps.toFixed(1)} req/s; search p99 ${row.warm.p99} ms`);
    }
    // The library page itself (HTML: the same search in-process, plus rendering), beside its search row.
    const pagePath = `/case-studies?topics=${q.topic}`;
    result.page = { label: `page ${pagePath}`, search: rows[1], warm: await measure(S + pagePath, 10) };
    log(`${size} ${result.page.label}: ${result.page.warm.rps.toFixed(1)} req/s; p99 ${result.page.warm.p99} ms`);
    const workload = mixedWorkload();
    for (const connections of [10, 50]) {
      const before = await statsOf(warm);
      const publish = connections === 10 ? () => publishDuringLoad(S, warm.info.token) : undefined;
      const m = await measureMixed(S, workload, connections, publish);
      const after = await statsOf(warm);
      m.hitRate = rate(before, after);
      result.mixed.push({ label: 'search, cache on', connections, ...m });
      log(`${size} mixed c=${connections} (cache on): ${m.rps.toFixed(1)} req/s p99 ${m.p99} ms, ${m.distinct} distinct, ${m.failed} failed`);
    }
    result.memory = { 'Strapi, cache on': (await statsOf(warm)).memory };
    result.live = { 'Strapi, cache on': await liveOf(warm) };
    await stop(bareWarm);
    await stop(warm);
    children.length = 0;
    // The search's own speed: a second process with no cache at all, and bare likewise.
    const cold = await start('strapi-server.js', { ...env, PORT: '1343', SEARCH_CACHE_ENABLED: 'false' });
    children.push(['Strapi, cache off', cold]);
    const bareCold = await start('bare-server.js', { ...env, PORT: '1344', SEARCH_CACHE_ENABLED: 'false' });
    children.push(['bare, cache off', bareCold]);
    for (const row of rows) {
      row.cold = await measure(`http://127.0.0.1:1343/api/case-studies/search?${row.search}`, 10);
      row.bareCold = await measure(`http://127.0.0.1:1344/?${row.search}`, 10);
      log(`${size} ${row.label} (cache off): search ${row.cold.rps.toFixed(1)} bare ${row.bareCold.rps.toFixed(1)} req/s; p99 ${row.cold.p99} ms`);
    }
    result.page.cold = await measure(`http://127.0.0.1:1343${pagePath}`, 10);
    for (const connections of [10, 50]) {
      const m = await measureMixed('http://127.0.0.1:1343', workload, connections);
      result.mixed.push({ label: 'search, cache off', connections, ...m });
      log(`${size} mixed c=${connections} (cache off): ${m.rps.toFixed(1)} req/s p99 ${m.p99} ms, ${m.failed} failed`);
    }
    result.rows = rows;
    result.memory['Strapi, cache off'] = (await statsOf(cold)).memory;
    result.live['Strapi, cache off'] = await liveOf(cold);
    await stop(bareCold);
    await stop(cold);
  } finally {
    clearInterval(sampler);
    for (const [, child] of children) await stop(child).catch(() => {});
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  result.seconds = (Date.now() - result.started) / 1000;
  return result;
}

function rate(before, after) {
  const d = (k) => ({ hits: after[k].hits - before[k].hits, misses: after[k].misses - before[k].misses });
  const pct = ({ hits, misses }) => (hits + misses ? `${((100 * hits) / (hits + misses)).toFixed(0)} %` : '—');
  return { responses: pct(d('responses')), keywords: pct(d('keywords')), generationReads: after.generationReads - before.generationReads };
}

/** Publishes one new study through REST while the load runs; then the next search must find it. */
async function publishDuringLoad(base, token) {
  const word = `zq${randomBytes(4).toString('hex')}`;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const topic = (await (await fetch(`${base}/api/topics?pagination[pageSize]=1`, { headers })).json()).data[0].documentId;
  const t = process.hrtime.bigint();
  const res = await fetch(`${base}/api/case-studies`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ data: { title: `Benchmark publish ${word}`, summary: `Published during the mixed load: ${word}.`, topics: [topic] } }),
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const found = await (await fetch(`${base}/api/case-studies/search?q=${word}`)).json();
  return { status: res.status, ms, seen: found.meta?.pagination?.total === 1 };
}

const mb = (bytes) => `${Math.round(bytes / 1048576)} MB`;
const fmt = (m) => (m ? `${m.rps.toFixed(1)} / ${m.p50} / ${m.p99}${m.failed ? ` (${m.failed} failed)` : ''}` : '—');
const ratio = (a, b) => (a && b ? `${(a.rps / Math.max(b.rps, 0.01)).toFixed(1)}×` : '—');

function report(results) {
  const lines = ['# Benchmarks', '',
    `Generated by \`npm run bench -- --size ${SIZES.join(',')}${STRAPI_HEAP_MB ? ` --strapi-heap ${STRAPI_HEAP_MB}` : ''}\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, PostgreSQL, ` +
    `autocannon on 127.0.0.1, ${DURATION} s per single-URL cell at 10 connections, ${MIXED_DURATION} s per mixed cell). ` +
    'Cells are req/s / p50 ms / p99 ms. "stock" is Strapi\'s REST filters for the same question (no facets); "search" is ' +
    'GET /api/case-studies/search (exact total and facet counts included), "warm" with the per-process cache on, "cold" ' +
    'from a process with it off (every request computed: the search\'s own speed); "bare" is plain Node + pg running ' +
    'the search\'s own code (src/search/core.ts) with the same cache setting.', ''];
  for (const r of results) {
    const pub = r.mixed.find((m) => m.extra)?.extra;
    lines.push(`## ${r.size.toLocaleString('en-GB')} case studies`, '',
      `Load average before: ${r.loadBefore}. Bulk load ${r.loadSeconds.toFixed(0)} s; boot with index build ${r.indexSeconds.toFixed(0)} s; ` +
      `whole size ${(r.seconds / 60).toFixed(1)} min. Peak RSS: ${Object.entries(r.rss).map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(', ')}.`,
      `At each Strapi process's RSS peak: ${Object.entries(r.memory ?? {}).map(([k, m]) => `${k}: V8 heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, ` +
        `external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)}), rest (code, native, allocator) ${mb(m.rss - m.heapTotal - m.external)}`).join('; ')}.`,
      `After the load, a full collection (the live set): ${Object.entries(r.live ?? {}).map(([k, m]) => `${k}: V8 heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, RSS ${mb(m.rss)}`).join('; ')}.`,
      r.matchText, '',
      '| question | stock | search warm | search cold | bare warm | bare cold | warm ÷ stock | cold ÷ stock | bare ÷ search (warm / cold) |',
      '|---|---|---|---|---|---|---|---|---|');
    for (const row of r.rows) {
      lines.push(`| ${row.label} | ${fmt(row.stockM)} | ${fmt(row.warm)} | ${fmt(row.cold)} | ${fmt(row.bareWarm)} | ${fmt(row.bareCold)} | ` +
        `${ratio(row.warm, row.stockM)} | ${ratio(row.cold, row.stockM)} | ${ratio(row.bareWarm, row.warm)} / ${ratio(row.bareCold, row.cold)} |`);
    }
    if (r.page) {
      lines.push('', `**The library page** (HTML, the search in-process, the council list and the rendering), beside the search API row for the same question (${r.page.search.label}):`, '',
        '| what | warm | cold |', '|---|---|---|',
        `| ${r.page.label} | ${fmt(r.page.warm)} | ${fmt(r.page.cold)} |`,
        `| /api/case-studies/search?${r.page.search.search} | ${fmt(r.page.search.warm)} | ${fmt(r.page.search.cold)} |`);
    }
    lines.push('', '**Mixed workload** (Zipf-like replay of 3,000 distinct searches: corpus keywords, 10 % misspelt, topic and support-type combinations, sorts, pages 1–20):', '',
      '| process | conns | req/s / p50 / p99 | requests sent | distinct | failed | cache hits (answers / keyword matches) |', '|---|---|---|---|---|---|---|');
    for (const m of r.mixed) {
      lines.push(`| ${m.label} | ${m.connections} | ${fmt(m)} | ${m.sent} | ${m.distinct} | ${m.failed} | ${m.hitRate ? `${m.hitRate.responses} / ${m.hitRate.keywords}` : 'off'} |`);
    }
    if (pub) lines.push('', `**Publish during the mixed load** (10 connections, cache on): REST create-and-publish answered ${pub.status} in ${pub.ms.toFixed(0)} ms; the next search ${pub.seen ? 'found it' : 'did NOT find it'}.`);
    lines.push('');
  }
  return lines.join('\n');
}

(async () => {
  const results = [];
  for (const size of SIZES) results.push(await benchSize(size));
  const notes = fs.existsSync(path.join(__dirname, 'NOTES.md')) ? `\n${fs.readFileSync(path.join(__dirname, 'NOTES.md'), 'utf8')}` : '';
  fs.writeFileSync(options.out, `${report(results)}${notes}`);
  log(`wrote ${options.out}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
