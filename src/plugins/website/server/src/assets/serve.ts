import fs from 'fs';
import path from 'path';
import type { Context } from 'koa';
import { GOVUK_DIST, PLUGIN_ROOT } from '../pages/render';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** Where /assets/... comes from: govuk-frontend's compiled files and fonts, and the site's own script. */
const ROOTS: [prefix: string, dir: string][] = [
  ['site/', path.join(PLUGIN_ROOT, 'assets')],
  ['govuk-frontend.min.', path.join(GOVUK_DIST, 'govuk')],
  ['', path.join(GOVUK_DIST, 'govuk', 'assets')],
];

function resolveAsset(name: string): string | undefined {
  for (const [prefix, dir] of ROOTS) {
    if (!name.startsWith(prefix)) continue;
    const file = path.resolve(dir, prefix === 'govuk-frontend.min.' ? name : name.slice(prefix.length));
    if (file.startsWith(dir + path.sep) && TYPES[path.extname(file)] && fs.existsSync(file)) return file;
    return undefined;
  }
  return undefined;
}

/** GET /assets/*: static files from the installed packages (no CDN). */
export function serveAsset(ctx: Context) {
  const file = resolveAsset(String(ctx.params[0] ?? ''));
  if (!file || !fs.statSync(file).isFile()) {
    ctx.status = 404;
    return;
  }
  ctx.type = TYPES[path.extname(file)];
  ctx.set('Cache-Control', 'public, max-age=3600');
  ctx.body = fs.createReadStream(file);
}
