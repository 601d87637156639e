import path from 'path';
import { spawn } from 'child_process';
import { TEST_SECRETS } from '../../helpers/strapi';
import { call, sleep } from './http-client';

const appDir = path.join(__dirname, '..', '..', '..');

/**
 * `strapi start` as production runs it: its own process, real signals, stdout kept line by line.
 * Resolves once /_ready answers 200.
 */
export async function startStrapiProcess(env: Record<string, string>, port: number) {
  const child = spawn(
    process.execPath,
    [path.join(appDir, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'],
    {
      cwd: appDir,
      env: {
        ...process.env,
        ...TEST_SECRETS,
        NODE_ENV: 'test',
        STRAPI_TELEMETRY_DISABLED: 'true',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  // The logger writes to stdout; Node's own warnings go to stderr.
  const lines: string[] = [];
  const errorLines: string[] = [];
  const collector = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts.filter(Boolean));
    };
  };
  child.stdout.on('data', collector(lines));
  child.stderr.on('data', collector(errorLines));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  );
  let gone = false;
  void exited.then(() => (gone = true));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (gone)
      throw new Error(
        `strapi start exited before it was ready:\n${[...lines, ...errorLines].slice(-30).join('\n')}`
      );
    const ready = await call(baseUrl, 'ready', 'GET', '/_ready', { timeoutMs: 2000 });
    if (ready.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`strapi start not ready in time:\n${lines.slice(-30).join('\n')}`);
    }
    await sleep(250);
  }
  return {
    baseUrl,
    pid: child.pid!,
    lines,
    errorLines,
    exited,
    signal: (signal: NodeJS.Signals) => child.kill(signal),
    /** Ends it whatever state it is in (test clean-up). */
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}

export type StrapiProcess = Awaited<ReturnType<typeof startStrapiProcess>>;
