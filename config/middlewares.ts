import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  // Request id, access log, metrics, 503 while the database is unreachable (src/middlewares): outermost.
  'global::request-context',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      // Case studies are text: a megabyte of JSON is already far more than any real one.
      jsonLimit: '1mb',
      formLimit: '1mb',
      textLimit: '1mb',
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::http-cache',
];

export default config;
