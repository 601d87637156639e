#!/usr/bin/env node
// npm run restore -- DIR: see src/ops/backup/cli.ts (and the README, "Backup and restore").
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
const path = require('path');
const appDir = path.join(__dirname, '..');
// Compiled first when a server source changed since the last build (or there is none).
const { serverBuildStaleness, buildServer } = require('./lib/build-state');
if (serverBuildStaleness()) buildServer();
const cli = require('../dist/src/ops/backup/cli');
cli.main('restore', process.argv.slice(2), appDir).then((code) => process.exit(code));
