import fs from 'fs';
import os from 'os';
import path from 'path';
import supertest from 'supertest';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './database';
import { keepLogs, type LogEntry } from './log-capture';

const appDir = path.join(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  http: () => supertest.Agent;
  /** What Strapi logged: a test that causes an error on purpose claims it (unclaimed ones print at close). */
  logs: { claim(pattern: RegExp): LogEntry[] };
  /** Stops Strapi and drops this file's database. */
  close(): Promise<void>;
}

export const TEST_SECRETS: Record<string, string> = {
  APP_KEYS: 'test-key-1,test-key-2',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  JWT_SECRET: 'test-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789abcdef',
};

/**
 * Boots the compiled app (dist/, from `npm run build:server`) on a fresh database of this file's own,
 * and mounts its HTTP server for supertest. Boot once per file: it takes seconds.
 */
export async function startTestApp(
  label: string,
  extraEnv: Record<string, string> = {},
  // An existing database (restored, or loaded from a fixture): the caller drops it.
  options: { database?: TestDatabase } = {}
): Promise<TestApp> {
  const database: TestDatabase = options.database ?? (await createTestDatabase(label));
  // Submissions' private files: a folder of this test's own, removed with it (unless the caller gives one).
  const ownPrivateUploads = !extraEnv.PRIVATE_UPLOADS_DIR;
  const privateUploads =
    extraEnv.PRIVATE_UPLOADS_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), `private-uploads-${label}-`));
  Object.assign(process.env, TEST_SECRETS, database.env, {
    PRIVATE_UPLOADS_DIR: privateUploads,
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ADMIN_RATE_LIMIT_ENABLED: 'false',
    PUBLIC_URL: 'http://127.0.0.1:1337',
    ...extraEnv,
  });
  // Required lazily so the environment above is in place before Strapi reads it.
  const { createStrapi } = require('@strapi/strapi');
  const instance = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  instance.log.level = process.env.TEST_LOG_LEVEL ?? 'error';
  const logs = keepLogs(instance);
  const strapi: Core.Strapi = await instance.load();
  await strapi.server.mount();
  return {
    strapi,
    http: () => supertest.agent(strapi.server.httpServer),
    logs,
    close: async () => {
      await backgroundWorkSettled(strapi);
      await strapi.destroy();
      const unexpected = logs.unclaimed();
      if (unexpected.length)
        console.error(
          `${label}: Strapi logged what no test expected:\n${unexpected.map((e) => `  ${e.level}: ${e.message}`).join('\n')}`
        );
      if (!options.database) await database.drop();
      if (ownPrivateUploads) fs.rmSync(privateUploads, { recursive: true, force: true });
    },
  };
}

/** A full-access API token, for tests that write content the way an integration would. */
export async function createFullAccessToken(strapi: Core.Strapi, name = 'tests'): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `${name}-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
    permissions: [],
  });
  return token.accessKey as string;
}

/** Starts another Strapi process on this test's database, listening on `port`; stop() ends it. */
export async function startSecondProcess(port: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const { fork } = require('child_process') as typeof import('child_process');
  const child = fork(path.join(__dirname, 'second-process.js'), [], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`second process exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

export async function freePort(): Promise<number> {
  const net = require('net') as typeof import('net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Strapi's document events read each written entry back after the commit, without anyone waiting
 * (src/lib/after-commit.ts): a test that ends right after a write would destroy the pool under them.
 * Wait (up to 10 s) until no connection is in use or awaited.
 */
export async function backgroundWorkSettled(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db?.connection as unknown as { client?: { pool?: TarnPool } })?.client?.pool;
  if (!pool) return;
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

