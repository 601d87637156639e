#!/usr/bin/env node
// The website's browser files, built into src/plugins/website/dist/assets/<version>/: govuk-frontend's
// Sass compiled with the service's brand (sass, from npm), govuk-frontend's JS, the site's own JS
// and icon. <version> is a hash of their contents, so the URLs can be cached for a year and change
// whenever a file does. Build output: not committed.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const sass = require('sass');

const plugin = path.join(__dirname, '..', 'src', 'plugins', 'website');
const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const out = path.join(plugin, 'dist', 'assets');

const started = Date.now();
const css = sass.compile(path.join(plugin, 'assets', 'site.scss'), {
  loadPaths: [govukDist],
  style: 'compressed',
  quietDeps: true,
}).css;
const files = {
  'site.css': css,
  'site.js': fs.readFileSync(path.join(plugin, 'assets', 'site.js')),
  'finder.js': fs.readFileSync(path.join(plugin, 'assets', 'finder.js')),
  'favicon.svg': fs.readFileSync(path.join(plugin, 'assets', 'favicon.svg')),
  'govuk-frontend.min.js': fs.readFileSync(path.join(govukDist, 'govuk', 'govuk-frontend.min.js')),
};
const hash = crypto.createHash('sha256');
for (const [name, content] of Object.entries(files)) hash.update(name).update(content);
const version = hash.digest('hex').slice(0, 12);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, version), { recursive: true });
for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(out, version, name), content);
fs.writeFileSync(path.join(plugin, 'dist', 'assets-version.json'), JSON.stringify({ version }));
console.log(`built website assets ${version} (${Math.round(css.length / 1024)} kB CSS, ${Date.now() - started} ms)`);
