#!/usr/bin/env node
// Exit 0 when the PostgreSQL that the tests use answers; 1 otherwise (with the reason on stderr).
const { Client } = require('pg');

const url = process.env.TEST_POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
client
  .connect()
  .then(() => client.query('select 1'))
  .then(() => client.end())
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`PostgreSQL not reachable at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`);
    process.exit(1);
  });
