#!/usr/bin/env node
// npm run restore -- DIR: see src/ops/backup/cli.ts (and the README, "Backup and restore"). Needs a built app.
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
const path = require('path');
const appDir = path.join(__dirname, '..');
let cli;
try {
  cli = require('../dist/src/ops/backup/cli');
} catch {
  console.error('The app is not built: run npm run build (or npm run build:server) first.');
  process.exit(1);
}
cli.main('restore', process.argv.slice(2), appDir).then((code) => process.exit(code));
