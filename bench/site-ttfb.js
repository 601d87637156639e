#!/usr/bin/env node
'use strict';
/**
 * Time to first byte of the website's pages, this checkout against another (default: the baseline
 * at /work/wt/baseline, before the website plugin), in one run on one machine. Each app gets its
 * own fresh database (PostgreSQL by default, or --db sqlite) with the sample data, and a signed-in
 * officer with one draft. Requests are sequential and alternate between the apps, so load from
 * elsewhere on the machine falls on both alike. Prints p50, p90 and p99 per page, and the load average.
 *
 *   node bench/site-ttfb.js [--baseline DIR] [--db postgres|sqlite] [--requests 300]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { fork } = require('child_process');
const { randomBytes } = require('crypto');
const { Client } = require('pg');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const APPS = { baseline: path.resolve(arg('baseline', '/work/wt/baseline')), 'website plugin': path.join(__dirname, '..') };
const DB = arg('db', 'postgres');
const REQUESTS = Number(arg('requests', 300));
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRETS = { APP_KEYS: 'bench-a,bench-b', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin',
  JWT_SECRET: 'bench-jwt', TRANSFER_TOKEN_SALT: 'bench-transfer', ENCRYPTION_KEY: 'bench-encryption-key-0123456789' };

async function pg(sql) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

async function freePort() {
  const net = require('net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startApp(appDir) {
  const name = `cs_ttfb_${randomBytes(4).toString('hex')}`;
  const dbEnv = DB === 'postgres'
    ? { DATABASE_CLIENT: 'postgres', DATABASE_URL: Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString() }
    : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(os.tmpdir(), `${name}.db`) };
  if (DB === 'postgres') await pg(`CREATE DATABASE "${name}"`);
  const port = await freePort();
  const child = fork(path.join(__dirname, 'site-server.js'), [], {
    env: { ...process.env, ...SECRETS, ...dbEnv, APP_DIR: appDir, PORT: String(port), NODE_ENV: 'test',
      STRAPI_TELEMETRY_DISABLED: 'true', PUBLIC_URL: `http://127.0.0.1:${port}`, SITE_SIGNIN_MAX_FAILURES: '1000' },
    stdio: 'inherit',
  });
  await new Promise((resolve, reject) => { child.once('message', resolve); child.once('exit', (c) => reject(new Error(`${appDir} exited ${c}`))); });
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
      if (DB === 'postgres') await pg(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      else for (const s of ['', '-wal', '-shm']) fs.rmSync(dbEnv.DATABASE_FILENAME + s, { force: true });
    },
  };
}

/** One request: ms to the response's first byte (its headers), and the body. */
function request(base, jar, method, pathname, form) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(new URL(pathname, base), {
      method, agent: false,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (res) => {
      const ttfb = Number(process.hrtime.bigint() - started) / 1e6;
      for (const c of [].concat(res.headers['set-cookie'] ?? [])) { const [pair] = c.split(';'); const i = pair.indexOf('='); jar.set(pair.slice(0, i), pair.slice(i + 1)); }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, text, ttfb }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs the bench officer in and starts a draft: the question page to measure. */
async function questionPage(app) {
  const jar = new Map();
  const csrf = async (p) => /name="_csrf" value="([^"]+)"/.exec((await request(app.base, jar, 'GET', p)).text)[1];
  const signIn = await request(app.base, jar, 'POST', '/submit/sign-in', { _csrf: await csrf('/submit/sign-in'), email: 'bench@bristol.gov.uk', password: 'Bench-password-1' });
  if (signIn.status !== 302) throw new Error(`sign in: ${signIn.status}`);
  let draft = await request(app.base, jar, 'POST', '/submit/submissions', { _csrf: await csrf('/submit/submissions') });
  // Since issue 12 a draft is created by its first save: "Start" only leads to the unsaved form.
  if (draft.location.endsWith('/new')) {
    const saved = await request(app.base, jar, 'POST', '/submit/submissions/new/title', { _csrf: await csrf('/submit/submissions/new/title'), title: 'Bench draft' });
    draft = { location: saved.location.replace(/\/[^/]+$/, '') };
  }
  return { jar, path: `${draft.location}/challenge` };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

(async () => {
  const apps = {};
  try {
    for (const [label, dir] of Object.entries(APPS)) apps[label] = await startApp(dir);
    const pages = {};
    for (const [label, app] of Object.entries(apps)) {
      const q = await questionPage(app);
      pages[label] = [
        { page: '/case-studies', jar: new Map(), path: '/case-studies' },
        { page: '/case-studies?topics=prevent&sort=title', jar: new Map(), path: '/case-studies?topics=prevent&sort=title' },
        { page: 'question page (signed in)', jar: q.jar, path: q.path },
      ];
    }
    const loadBefore = os.loadavg();
    const times = {};
    for (let i = 0; i < REQUESTS + 20; i++)
      for (const [label, app] of Object.entries(apps))
        for (const p of pages[label]) {
          const res = await request(app.base, p.jar, 'GET', p.path);
          if (res.status !== 200) throw new Error(`${label} ${p.path}: ${res.status}`);
          if (i >= 20) ((times[p.page] ??= {})[label] ??= []).push(res.ttfb); // the first 20 warm up
        }
    const loadAfter = os.loadavg();
    console.log(`\nTime to first byte, ${REQUESTS} sequential requests per page and app, alternating (${DB}, sample data)`);
    console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}; ${os.cpus().length} cores\n`);
    console.log('| page | app | p50 ms | p90 ms | p99 ms |\n|---|---|---|---|---|');
    for (const [page, byApp] of Object.entries(times))
      for (const [label, list] of Object.entries(byApp)) {
        const sorted = [...list].sort((a, b) => a - b);
        console.log(`| ${page} | ${label} | ${pct(sorted, 50).toFixed(1)} | ${pct(sorted, 90).toFixed(1)} | ${pct(sorted, 99).toFixed(1)} |`);
      }
  } finally {
    for (const app of Object.values(apps)) await app.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
