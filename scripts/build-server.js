#!/usr/bin/env node
// npm run build:server: the plugins and the server compiled into dist/ (no admin panel), for tests and scripts.
const { parseCli } = require('./lib/cli');
const { buildServer } = require('./lib/build-state');

parseCli({
  usage: `
Usage: npm run build:server

Compiles the local plugins (src/plugins/*/tsconfig.server.json) and the server (tsconfig.json) into
dist/ with tsc, without the admin panel. The tests and scripts run this by themselves when a source
file changed since the last build.`,
});
const ms = buildServer();
console.log(`Compiled the plugins and the server in ${(ms / 1000).toFixed(1)} s.`);
