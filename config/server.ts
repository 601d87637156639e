import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/lib/secrets';
import { logFormat } from '../src/ops/log-format';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  assertProductionSecrets(process.env);
  const jsonLogs = logFormat(env) === 'json';
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    // The public URL (behind a load balancer) used in emails and API docs.
    url: env('PUBLIC_URL', ''),
    // Behind a load balancer or reverse proxy: trust its X-Forwarded-For/-Proto/-Host, so ctx.ip is
    // the client (each gets its own rate limits) and ctx.secure follows the client's scheme. Strapi 5
    // reads server.proxy.koa (the Strapi 4 shape, proxy: true, is ignored). maxIpsCount: how many
    // addresses, counted from the right of X-Forwarded-For, were added by proxies you run: the
    // client's address is the leftmost of those, so a client cannot forge its own.
    proxy: {
      koa: env.bool('IS_PROXIED', false),
      ipHeader: env('PROXY_IP_HEADER', 'X-Forwarded-For'),
      maxIpsCount: env.int('PROXY_MAX_IPS_COUNT', 1),
    },
    app: {
      keys: env.array('APP_KEYS')!,
    },
    // Where public files and the local upload provider's files live (e.g. a mounted volume).
    dirs: { public: env('PUBLIC_DIR', './public') },
    // Strapi's cron service: the submissions plugin registers its email retries on it.
    cron: { enabled: env.bool('CRON_ENABLED', true) },
    logger: {
      // Both print boxes to stdout, which would break one-JSON-object-a-line logs.
      startup: { enabled: !jsonLogs },
      updates: { enabled: !jsonLogs },
    },
    webhooks: {
      populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
    },
  };
};

export default config;
