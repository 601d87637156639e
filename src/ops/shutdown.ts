import type { IncomingMessage, ServerResponse } from 'http';
import type { Core } from '@strapi/strapi';

export interface ShutdownSettings {
  delayMs: number;
  graceMs: number;
}

export interface ShutdownState {
  /** Set on SIGTERM: readiness answers 503 from then on. */
  stopping: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Strapi's own signal handler destroys every open connection at once, cutting requests in flight.
 * This one replaces it: on SIGTERM or SIGINT it reports not ready, keeps serving for `delayMs` (so a
 * load balancer notices), stops accepting connections, lets the requests in flight finish (up to
 * `graceMs`), then runs Strapi's destroy (the outbox stops and releases its claims) and exits 0.
 */
export function installGracefulShutdown(
  strapi: Core.Strapi,
  settings: ShutdownSettings,
  state: ShutdownState
): void {
  const server = strapi.server.httpServer;
  const active = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    active.add(res);
    res.on('close', () => active.delete(res));
    // Once stopping, each answer closes its connection: keep-alive clients reconnect elsewhere.
    if (state.stopping) res.setHeader('Connection', 'close');
  });

  const shutdown = async (signal: string) => {
    if (state.stopping) return;
    state.stopping = true;
    const started = Date.now();
    strapi.log.info(
      `${signal}: shutting down; ${active.size} requests in flight, grace ${settings.graceMs} ms`
    );
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (settings.delayMs > 0) await sleep(settings.delayMs);

    if (server.listening) server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + settings.graceMs;
    while (active.size > 0 && Date.now() < deadline) await sleep(25);
    if (active.size > 0)
      strapi.log.warn(`Grace period over: ${active.size} requests still running are cut off`);
    else strapi.log.info(`All requests answered ${Date.now() - started} ms after ${signal}`);

    let exitCode = 0;
    try {
      await strapi.destroy();
    } catch (error) {
      strapi.log.error(`Shutdown failed: ${(error as Error).stack}`);
      exitCode = 1;
    }
    process.exit(exitCode);
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // Strapi's handler (utils/signals.js, "terminateStrapi") would cut the requests in flight.
    for (const listener of process.listeners(signal))
      if (listener.name === 'terminateStrapi') process.off(signal, listener);
    process.on(signal, () => void shutdown(signal));
  }
}
