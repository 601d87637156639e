#!/usr/bin/env node
// The worst public requests the cost ceiling allows, against a Strapi of its own (a fresh database,
// the sample data, each case study related to three others): first each request alone (time and
// event-loop delay), then 20 clients for --seconds while another thread times /_health.
//
//   npm run build:server && node scripts/load-worst-requests.js [--db sqlite|postgres] [--seconds 120] [--clients 20]
//
// PostgreSQL: TEST_POSTGRES_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
// database it creates is dropped at the end. Figures depend on the machine's load: it prints the load average.
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomBytes } = require('crypto');
const { monitorEventLoopDelay } = require('perf_hooks');
const { worstRequests, runLoad } = require('./load/worst-requests');

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const db = arg('db', 'postgres');
const seconds = Number(arg('seconds', 120));
const clients = Number(arg('clients', 20));
const appDir = path.join(__dirname, '..');

async function database() {
  const name = `cs_load_${randomBytes(4).toString('hex')}`;
  if (db === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.db`);
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      drop: async () => ['', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true })),
    };
  }
  const { Client } = require('pg');
  const admin = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = async (sql) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

const send = async (baseUrl, request) => {
  const res = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.body ? { 'Content-Type': 'application/json' } : {},
    body: request.body ? JSON.stringify(request.body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
};

async function solo(baseUrl, request, times = 5) {
  await send(baseUrl, request); // warm up (templates compiled, statements prepared)
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const durations = [];
  let status;
  loop.enable();
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    status = await send(baseUrl, request);
    durations.push(performance.now() - started);
  }
  loop.disable();
  durations.sort((a, b) => a - b);
  return {
    request: `${request.method} ${request.path.slice(0, 70)}`,
    status,
    medianMs: Math.round(durations[Math.floor(times / 2)]),
    eventLoopMaxMs: Math.round(loop.max / 1e6),
  };
}

(async () => {
  const store = await database();
  Object.assign(process.env, store.env, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: `${randomBytes(16).toString('hex')},${randomBytes(16).toString('hex')}`,
    API_TOKEN_SALT: randomBytes(16).toString('hex'),
    ADMIN_JWT_SECRET: randomBytes(16).toString('hex'),
    JWT_SECRET: randomBytes(16).toString('hex'),
    TRANSFER_TOKEN_SALT: randomBytes(16).toString('hex'),
    ENCRYPTION_KEY: randomBytes(16).toString('hex'),
    STRAPI_HIDE_STARTUP_MESSAGE: 'true',
  });
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  app.log.level = 'error';
  let strapi;
  try {
    strapi = await app.load();
    await strapi.server.mount();
    await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;

    const documents = strapi.documents('api::case-study.case-study');
    const all = await documents.findMany({ status: 'published', fields: ['documentId'] });
    for (const [i, { documentId }] of all.entries()) {
      const related = [1, 2, 3].map((k) => all[(i + k) % all.length].documentId);
      await documents.update({ documentId, data: { relatedCaseStudies: related } });
      await documents.publish({ documentId });
    }
    const slugs = async (p) => (await (await fetch(`${baseUrl}${p}`)).json()).data.map((d) => d.slug);
    const requests = worstRequests({
      topics: await slugs('/api/topics'),
      councils: await slugs('/api/councils'),
    });

    console.log(`Each request alone (${db}):`);
    for (const request of requests) console.log(JSON.stringify(await solo(baseUrl, request)));
    console.log(`\n${clients} clients for ${seconds} s (${db}):`);
    const result = await runLoad({ baseUrl, requests, seconds, clients });
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `/_health p99 ${result.health.p99.toFixed(0)} ms, max ${result.health.max.toFixed(0)} ms (target: within 100 ms); ` +
        `event-loop delay p99 ${result.eventLoopDelayMs.p99.toFixed(0)} ms; load average ${result.loadAverage.join(' ')}`
    );
  } finally {
    if (strapi) await strapi.destroy();
    await store.drop();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
