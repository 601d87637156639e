import path from 'path';
import type { Core } from '@strapi/strapi';

export interface OperationsConfig {
  shutdown: { delayMs: number; graceMs: number };
  readiness: { timeoutMs: number };
  metrics: { token: string };
  requestId: { trustIncoming: boolean };
  backup: { folders: Record<string, string> };
}

/** Running the service: shutdown, readiness, metrics, request ids and backups (README: Operations). */
const config = ({ env }: Core.Config.Shared.ConfigParams): OperationsConfig => {
  const appRoot = path.join(__dirname, '..', '..');
  const publicDir = path.resolve(appRoot, env('PUBLIC_DIR', 'public'));
  return {
    shutdown: {
      // On SIGTERM, keep serving this long while /_ready answers 503, so a load balancer stops
      // sending before the listener closes; then wait up to graceMs for requests in flight.
      delayMs: env.int('SHUTDOWN_DELAY_MS', 0),
      graceMs: env.int('SHUTDOWN_GRACE_MS', 20_000),
    },
    readiness: { timeoutMs: env.int('READINESS_TIMEOUT_MS', 2_000) },
    // Unset: no /metrics route at all (404).
    metrics: { token: env('METRICS_TOKEN', '') },
    // Only a proxy we sit behind may name the request id; anyone else's is replaced.
    requestId: { trustIncoming: env.bool('TRUST_REQUEST_ID', env.bool('IS_PROXIED', false)) },
    backup: {
      // Every folder of files the database refers to, by a stable name (the folder's name in a backup).
      folders: {
        uploads: path.join(publicDir, 'uploads'),
        // Submissions' files before publication (config/plugins.ts: submissions.privateUploadsDir).
        'private-uploads': path.resolve(appRoot, env('PRIVATE_UPLOADS_DIR', '.tmp/private-uploads')),
      },
    },
  };
};

export default config;
