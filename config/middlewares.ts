import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Anonymous search and suggest GETs are answered here, before the rest of the chain (src/search/fast-path.ts).
  'global::search',
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
