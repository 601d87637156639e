import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Request id, access log, metrics, 503 while the database is unreachable (src/middlewares): outermost.
  'global::request-context',
  'strapi::errors',
  // 4xx raised by libraries (the body parser's 413): answered in Strapi's shape, not logged as faults;
  // a file too large for the council site's upload form goes back to that form, which says so.
  { name: 'global::client-errors', config: { formPages: ['/submit'] } },
  'strapi::security',
  // Nothing under /uploads is ever run by a browser: nosniff, a sandbox, downloads but for images.
  'global::upload-headers',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  {
    // Every content-API read has a cost ceiling, checked before Strapi turns the query into SQL.
    name: 'global::query-cost',
    config: {
      populateMaxDepth: env.int('API_POPULATE_MAX_DEPTH', 3),
      populateMaxRelations: env.int('API_POPULATE_MAX_RELATIONS', 20),
      filterMaxDepth: env.int('API_FILTER_MAX_DEPTH', 3),
      filterMaxJoins: env.int('API_FILTER_MAX_JOINS', 3),
      filterMaxConditions: env.int('API_FILTER_MAX_CONDITIONS', 50),
    },
  },
  {
    name: 'strapi::body',
    config: {
      // Case studies are text: a megabyte of JSON is already far more than any real one.
      jsonLimit: '1mb',
      formLimit: '1mb',
      textLimit: '1mb',
      // Multipart bodies are parsed (and their files written to a temporary folder) before any route
      // or permission check, for anyone: at most what the media library accepts (formidable 2 counts
      // all of a body's files together), and form fields as small as a form body.
      formidable: {
        maxFileSize: env.int('UPLOAD_SIZE_LIMIT_BYTES', 20 * 1024 * 1024),
        maxFieldsSize: 1024 * 1024,
      },
    },
  },
  // No control characters (NUL breaks PostgreSQL) in the path, query or body of any request.
  // The council site's forms show this error on the form itself (the GOV.UK way).
  { name: 'global::control-characters', config: { formPages: ['/submit'] } },
  // Anonymous search and suggest GETs are answered here, before the rest of the chain (src/search/fast-path.ts).
  'global::search',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::http-cache',
];

export default config;
