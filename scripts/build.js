#!/usr/bin/env node
// npm run build: the plugins, the server and the admin panel into dist/. The admin panel takes most of
// the time (about a minute) and changes least, so it is rebuilt only when its inputs changed.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { parseCli } = require('./lib/cli');
const {
  root,
  buildServer,
  markServerBuilt,
  serverBuildStaleness,
  adminFingerprint,
  ADMIN_FINGERPRINT_FILE,
} = require('./lib/build-state');

const { values } = parseCli({
  usage: `
Usage: npm run build [-- --force-admin]

Compiles the local plugins and the server into dist/, and builds the admin panel into dist/build.
The admin panel is built again only when what it is made from changed (our admin code, the
plugins' shared code, package-lock.json, config/admin.ts, config/server.ts, PUBLIC_URL).

  --force-admin   build the admin panel even if nothing it depends on changed
  -h, --help      this help`,
  options: { 'force-admin': { type: 'boolean' } },
});

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const fingerprint = adminFingerprint();
const previous = fs.existsSync(ADMIN_FINGERPRINT_FILE)
  ? fs.readFileSync(ADMIN_FINGERPRINT_FILE, 'utf8').trim()
  : null;

if (!values['force-admin'] && previous === fingerprint) {
  console.log(
    'Admin panel: unchanged since its last build (same inputs), not rebuilt. --force-admin rebuilds it.'
  );
  const stale = serverBuildStaleness();
  if (stale) {
    console.log(`Server: ${stale}; compiling.`);
    buildServer();
  } else console.log('Server: up to date.');
} else {
  run(process.execPath, ['scripts/build-plugins.js']);
  run(process.execPath, ['scripts/build-site-assets.js']);
  run(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build']); // compiles the server too
  markServerBuilt();
  fs.writeFileSync(ADMIN_FINGERPRINT_FILE, `${fingerprint}\n`);
}
