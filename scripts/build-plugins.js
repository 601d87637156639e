#!/usr/bin/env node
// Strapi's app build does not compile local plugins (tsconfig excludes src/plugins): compile each
// plugin that has a tsconfig.server.json with tsc, so `npm run build` always ships current plugin code.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const pluginsDir = path.join(__dirname, '..', 'src', 'plugins');
const tsc = require.resolve('typescript/bin/tsc');
for (const name of fs.existsSync(pluginsDir) ? fs.readdirSync(pluginsDir) : []) {
  const project = path.join(pluginsDir, name, 'tsconfig.server.json');
  if (!fs.existsSync(project)) continue;
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  } catch {
    console.error(`plugin ${name} does not compile (errors above)`);
    process.exit(1);
  }
  console.log(`built plugin ${name}`);
}
