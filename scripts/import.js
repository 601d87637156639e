#!/usr/bin/env node
// npm run import -- FILE: bring case studies in from a CSV or the JSON export. A thin CLI over
// src/import (compiled into dist/): every row is checked first, then upserted by slug.
const fs = require('fs');
const path = require('path');
const { parseCli } = require('./lib/cli');

const { values, positionals } = parseCli({
  usage: `
Usage: npm run import -- FILE [--dry-run] [--publish] [--create-missing] [--atomic]

Imports case studies from FILE into the database configured in .env or the environment:
  FILE.csv   one row per case study, with a header: slug, title, summary, publicationDate, councils,
             topics, supportTypes (slugs or names, separated by "; "), contactName, contactRole,
             contactEmail, externalLinks ("Label <https://...>", one a line), relatedCaseStudies,
             a column "section: <heading>" per section, otherSections (JSON). UTF-8.
  FILE.json  the format of /case-studies/export.json ({ "meta": ..., "data": [...] }).

Every row is checked first, and a report names each problem by line (or record) and field. Then
each case study is created or updated by its slug through Strapi's Document Service (the search
index, the input checks and webhooks all apply); running it twice changes nothing. Case studies are
imported as drafts; publication dates are kept. A row that fails is reported; the others import.

  --dry-run         check and report what would change; write nothing
  --publish         publish what is imported (each needs at least one topic)
  --create-missing  create topics, support types and councils the file names but the library lacks
                    (otherwise those rows are reported and not imported)
  --atomic          import everything or nothing: any problem leaves the database as it was

Exit status: 0 when every row imported (or would), 1 when some did not, 2 for a usage error.`,
  options: {
    'dry-run': { type: 'boolean' },
    publish: { type: 'boolean' },
    'create-missing': { type: 'boolean' },
    atomic: { type: 'boolean' },
  },
  positionals: true,
});

if (positionals.length !== 1) {
  console.error('Give one FILE to import (npm run import -- --help).');
  process.exit(2);
}
const file = path.resolve(process.env.INIT_CWD || process.cwd(), positionals[0]);
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}

require('./ensure-env').ensureEnv();
const { serverBuildStaleness, buildServer } = require('./lib/build-state');
const stale = serverBuildStaleness();
if (stale) {
  console.log(`Compiling first: ${stale}.`);
  buildServer();
}

process.env.STRAPI_TELEMETRY_DISABLED = 'true';
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.log.level = 'warn';
  let bar;
  try {
    const { runImport, formatReport } = require('../dist/src/import/run-import');
    if (process.stdout.isTTY) {
      const { SingleBar, Presets } = require('cli-progress');
      bar = new SingleBar({ format: 'Importing [{bar}] {value}/{total} rows, {eta_formatted} left', etaBuffer: 200 }, Presets.shades_classic);
    }
    const started = Date.now();
    const report = await runImport(strapi, file, fs.readFileSync(file), {
      dryRun: values['dry-run'],
      publish: values.publish,
      createMissing: values['create-missing'],
      atomic: values.atomic,
      onProgress: (done, total) => {
        if (!bar) return;
        if (done === 1) bar.start(total, 0);
        bar.update(done);
      },
    });
    bar?.stop();
    console.log(formatReport(report));
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exitCode = report.problems.length ? 1 : 0;
  } finally {
    bar?.stop();
    await strapi.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
