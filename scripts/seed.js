#!/usr/bin/env node
// npm run seed: load the sample data into the configured database. Safe to run again: it changes nothing.
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.SEED_SAMPLE_DATA = 'false'; // this script seeds itself, and reports what it did
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const { seedSampleData, readSampleData } = require('../dist/src/seed/sample-data');
    const report = await seedSampleData(strapi, readSampleData(appDir));
    console.log('created:', JSON.stringify(report.created), 'already there:', JSON.stringify(report.existing));
  } finally {
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
