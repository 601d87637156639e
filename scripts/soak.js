#!/usr/bin/env node
// npm run soak -- --minutes 10 [--clients 40] [--database postgres|sqlite] [--sample-seconds 30]
//
// A soak of mixed traffic against a Strapi of its own (its own database, 127.0.0.1 only): the public
// reading the library (REST, search, pages, GraphQL), council officers writing and saving drafts and
// submitting them, a publisher reviewing and publishing. Prints the server's RSS and heap over time, to
// see whether memory levels off. Not a CI step; it stops by itself. Needs a built app (npm run build:server).
'use strict';

process.env.STRAPI_TELEMETRY_DISABLED = 'true';
const path = require('path');
const os = require('os');
const fs = require('fs');
const net = require('net');
const { fork } = require('child_process');
const { randomBytes } = require('crypto');
const { parseArgs } = require('util');

const USAGE = `Usage: npm run soak -- [--minutes 10] [--clients 40] [--database postgres|sqlite] [--sample-seconds 30]`;
let options;
try {
  options = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      minutes: { type: 'string', default: '10' },
      clients: { type: 'string', default: '40' },
      database: { type: 'string', default: 'postgres' },
      'sample-seconds': { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const minutes = Number(options.minutes);
const clients = Number(options.clients);
const sampleMs = Number(options['sample-seconds']) * 1000;
if (!(minutes > 0 && minutes <= 120) || !(clients > 0 && clients <= 500) || !(sampleMs >= 1000)) {
  console.error(`--minutes 0-120, --clients 1-500, --sample-seconds >= 1\n${USAGE}`);
  process.exit(2);
}
if (!['postgres', 'sqlite'].includes(options.database)) {
  console.error(`--database postgres or sqlite\n${USAGE}`);
  process.exit(2);
}

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const METRICS_TOKEN = randomBytes(16).toString('hex');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

async function adminQuery(sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

async function main() {
  const name = `cs_soak_${randomBytes(4).toString('hex')}`;
  const dbEnv =
    options.database === 'postgres'
      ? {
          DATABASE_CLIENT: 'postgres',
          DATABASE_URL: Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString(),
        }
      : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(os.tmpdir(), `${name}.db`) };
  if (options.database === 'postgres') await adminQuery(`CREATE DATABASE "${name}"`);
  const port = await freePort();
  const secret = () => randomBytes(24).toString('base64');
  const server = fork(path.join(__dirname, 'soak', 'server.js'), [], {
    env: {
      ...process.env,
      ...dbEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_KEYS: `${secret()},${secret()}`,
      API_TOKEN_SALT: secret(),
      ADMIN_JWT_SECRET: secret(),
      JWT_SECRET: secret(),
      TRANSFER_TOKEN_SALT: secret(),
      ENCRYPTION_KEY: secret(),
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_MAX: '100000',
      ADMIN_RATE_LIMIT_ENABLED: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cleanUp = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    if (options.database === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    else
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbEnv.DATABASE_FILENAME + suffix, { force: true });
  };
  try {
    const message = (predicate) =>
      new Promise((resolve, reject) => {
        const onMessage = (m) => predicate(m) && (server.off('message', onMessage), resolve(m));
        server.on('message', onMessage);
        server.once('exit', (code) => reject(new Error(`the soak's server exited (${code})`)));
      });
    const { pid } = await message((m) => m.ready);
    server.send('accounts');
    const { accounts } = await message((m) => m.accounts);
    await soak(`http://127.0.0.1:${port}`, pid, accounts);
  } finally {
    await cleanUp();
  }
}

async function soak(baseUrl, pid, accounts) {
  const stats = { requests: 0, errors: 0, byStatus: {}, latencies: [] };
  const request = async (method, urlPath, { token, body, accept = 'application/json' } = {}) => {
    const started = performance.now();
    const headers = { Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const res = await fetch(baseUrl + urlPath, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) stats.errors += 1;
      return {
        status: res.status,
        json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
      };
    } catch (error) {
      stats.errors += 1;
      stats.byStatus[error.cause?.code ?? error.name] =
        (stats.byStatus[error.cause?.code ?? error.name] ?? 0) + 1;
      return { status: 0, json: null };
    } finally {
      stats.requests += 1;
      stats.latencies.push(performance.now() - started);
    }
  };

  const login = async (email) =>
    (await request('POST', '/api/auth/local', { body: { identifier: email, password: accounts.password } }))
      .json.jwt;
  const officers = await Promise.all(accounts.officers.map(login));
  const editor = (
    await request('POST', '/admin/login', { body: { email: accounts.editor, password: accounts.password } })
  ).json.data.token;
  const studies = (await request('GET', '/api/case-studies?pagination[pageSize]=100')).json.data;
  const topics = (await request('GET', '/api/topics?pagination[pageSize]=100')).json.data.map(
    (t) => t.documentId
  );
  const words = [
    'children',
    'council',
    'reading',
    'housing',
    'volunteers',
    'health',
    'digital',
    'climate',
    'taxi',
    'prevent',
  ];
  const complete = (title) => ({
    title,
    summary: 'A soak-test case study: what a council did and what changed as a result.',
    topics: [pick(topics)],
    contact: { name: 'Jo Bloggs', role: 'Manager', email: 'jo.bloggs@bristol.gov.uk' },
    answers: {
      challenge: `The challenge ${title}.`,
      solution: 'What we did, step by step.',
      impact: 'What changed, with figures.',
      sustained: 'How it carries on.',
      lessons: 'What we would tell another council.',
    },
  });

  const publicRead = () =>
    pick([
      () =>
        request(
          'GET',
          `/api/case-studies?populate[0]=topics&populate[1]=councils&sort=publicationDate:desc&pagination[page]=1`
        ),
      () => request('GET', `/api/case-studies?filters[slug][$eq]=${pick(studies).slug}&populate=*`),
      () =>
        request('GET', `/api/case-studies/search?q=${pick(words)}&page=${1 + Math.floor(Math.random() * 2)}`),
      () =>
        request(
          'GET',
          `/api/case-studies/search?topics=${pick(['prevent', 'children-and-young-people'])}&sort=title`
        ),
      () => request('GET', `/case-studies?q=${pick(words)}`, { accept: 'text/html' }),
      () => request('GET', `/case-studies/${pick(studies).slug}`, { accept: 'text/html' }),
      () =>
        request('POST', '/graphql', {
          body: { query: '{ caseStudies(pagination: { pageSize: 10 }) { title slug topics { name } } }' },
        }),
    ])();

  const drafts = officers.map(() => []);
  const officerWork = async (i) => {
    const token = officers[i];
    const mine = drafts[i];
    const roll = Math.random();
    if (mine.length < 5 || roll < 0.1) {
      const res = await request('POST', '/api/submissions', {
        token,
        body: complete(`Soak ${i} ${Date.now()}`),
      });
      if (res.status === 201) mine.push({ id: res.json.data.id, version: res.json.data.version });
      return;
    }
    const draft = pick(mine);
    if (roll < 0.2) {
      const res = await request('POST', `/api/submissions/${draft.id}/actions/submit`, {
        token,
        body: { version: draft.version },
      });
      mine.splice(mine.indexOf(draft), 1);
      return res;
    }
    if (roll < 0.4) return request('GET', `/api/submissions?page=1&pageSize=10`, { token });
    const res = await request('PUT', `/api/submissions/${draft.id}`, {
      token,
      body: { version: draft.version, answers: { impact: `Figures as of ${new Date().toISOString()}` } },
    });
    if (res.status === 200) draft.version = res.json.data.version;
    else mine.splice(mine.indexOf(draft), 1);
  };

  const editorWork = async () => {
    const queue = await request('GET', '/submissions/queue?state=submitted,in_review,approved&pageSize=5', {
      token: editor,
    });
    const item = queue.json?.data?.[0];
    if (!item) return;
    const next = { submitted: 'start_review', in_review: 'approve', approved: 'publish' }[item.state];
    if (next)
      await request('POST', `/submissions/items/${item.id}/actions/${next}`, {
        token: editor,
        body: { version: item.version },
      });
  };

  const deadline = Date.now() + minutes * 60_000;
  const client = async (n) => {
    while (Date.now() < deadline) {
      const roll = Math.random();
      if (roll < 0.7) await publicRead();
      else if (roll < 0.95) await officerWork(n % officers.length);
      else await editorWork();
    }
  };

  const metric = async (name) => {
    const res = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const line = (await res.text()).split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : NaN;
  };
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
  const started = Date.now();
  console.log(
    `soak: ${minutes} min, ${clients} clients, ${options.database}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
  console.log(
    '| time | requests | req/s | p50 ms | p95 ms | 5xx/errors | RSS MB | heap used MB | load avg |'
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  let last = { at: started, requests: 0 };
  const sample = async () => {
    const now = Date.now();
    const latencies = stats.latencies.splice(0).sort((a, b) => a - b);
    const q = (p) =>
      latencies.length
        ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(0)
        : '-';
    const rate = ((stats.requests - last.requests) / ((now - last.at) / 1000)).toFixed(0);
    const heap = await metric('nodejs_heap_size_used_bytes').catch(() => NaN);
    const elapsed = Math.round((now - started) / 1000);
    console.log(
      `| ${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')} | ${stats.requests} | ${rate} | ${q(0.5)} | ${q(0.95)} | ${stats.errors} | ${mb(rssOf(pid))} | ${mb(heap)} | ${os.loadavg()[0].toFixed(2)} |`
    );
    last = { at: now, requests: stats.requests };
  };
  await sample();
  const sampler = setInterval(() => void sample(), sampleMs);
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  clearInterval(sampler);
  await sample();
  console.log(`statuses: ${JSON.stringify(stats.byStatus)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
