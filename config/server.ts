import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  assertProductionSecrets(process.env);
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
    webhooks: {
      populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
    },
  };
};

export default config;
