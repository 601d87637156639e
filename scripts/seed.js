#!/usr/bin/env node
// npm run seed: load the sample data into the configured database. Safe to run again: it changes nothing.
const path = require('path');
const { parseCli } = require('./lib/cli');

parseCli({
  usage: `
Usage: npm run seed [-- --help]

Loads the sample data (database/seed/sample-data.json: case studies, councils, topics, support
types) into the database configured in .env or the environment, matching on slug. Entries that
already exist are left as they are, so running it again changes nothing. Prints what it created.`,
});

require('./ensure-env').ensureEnv();
const { serverBuildStaleness, buildServer } = require('./lib/build-state');
const stale = serverBuildStaleness();
if (stale) {
  console.log(`Compiling first: ${stale}.`);
  buildServer();
}

process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.SEED_SAMPLE_DATA = 'false'; // this script seeds itself, and reports what it did
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.level = 'warn';
  try {
    const { seedSampleData, readSampleData } = require('../dist/src/seed/sample-data');
    const report = await seedSampleData(strapi, readSampleData(appDir));
    console.log(
      'created:',
      JSON.stringify(report.created),
      'already there:',
      JSON.stringify(report.existing)
    );
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
