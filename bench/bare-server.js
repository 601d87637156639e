'use strict';
/**
 * The ceiling: plain Node http + pg running the search endpoint's own SQL (imported from the build),
 * with the same parameter checks and snippet escaping, and nothing else.
 */
const http = require('http');
const { Pool } = require('pg');
const { searchSql } = require('../dist/src/search/postgres');
const { parseSearchParams } = require('../dist/src/search/params');
const { snippetHtml } = require('../dist/src/search/snippet');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const toPg = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
};

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const query = parseSearchParams(Object.fromEntries(url.searchParams));
      const { sql, bindings } = searchSql(query);
      const { rows: [row] } = await pool.query(toPg(sql), bindings);
      const body = JSON.stringify({
        data: row.hits.map((h) => ({ ...h, snippet: snippetHtml(h.snippet ?? '') })),
        meta: {
          pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(row.total / query.pageSize), total: row.total },
          facets: { topics: row.topic_facets, supportTypes: row.support_facets },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error.message));
    }
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
