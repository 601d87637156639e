'use strict';
/**
 * The ceiling: plain Node http + pg running the search's own code (src/search/core.ts from the build:
 * the same generation read, in-memory facts, cache setting, SQL and JSON) with the same parameter
 * checks, and nothing of Strapi's per-request chain.
 */
const http = require('http');
const { Pool } = require('pg');
const { createSearchCore } = require('../dist/src/search/core');
const { backendFor } = require('../dist/src/search/backends');
const { parseSearchParams } = require('../dist/src/search/params');

// Strapi's table names for this app (the Strapi process reads them from its metadata and checks them).
const TABLES = {
  caseStudies: 'case_studies',
  components: { table: 'case_studies_cmps', entity: 'entity_id', component: 'cmp_id', field: 'field', order: 'order' },
  sections: 'components_case_study_sections',
  topicLinks: { table: 'case_studies_topics_lnk', owner: 'case_study_id', target: 'topic_id' },
  supportTypeLinks: { table: 'case_studies_support_types_lnk', owner: 'case_study_id', target: 'support_type_id' },
  councilLinks: { table: 'case_studies_councils_lnk', owner: 'case_study_id', target: 'council_id' },
  topics: 'topics',
  supportTypes: 'support_types',
  councils: 'councils',
};

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const toPg = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
};
const runner = { raw: (sql, bindings = []) => pool.query(toPg(sql), bindings) };
const core = createSearchCore({
  backend: backendFor('postgres', TABLES),
  db: () => runner,
  cache: { enabled: process.env.SEARCH_CACHE_ENABLED !== 'false', maxBytes: 32 * 1024 * 1024 },
  version: 'bare',
});

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const answer = await core.search(parseSearchParams(Object.fromEntries(url.searchParams)));
      res.writeHead(200, { 'content-type': 'application/json', etag: answer.etag }).end(answer.json());
    } catch (error) {
      res.writeHead(500).end(String(error.message));
    }
  })
  .listen(Number(process.env.PORT), '127.0.0.1', async () => {
    await core.current();
    process.send?.({ ready: true });
  });
