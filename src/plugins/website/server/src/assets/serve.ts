import fs from 'fs';
import path from 'path';
import type { Context } from 'koa';
import send from 'koa-send';
import { PLUGIN_ROOT } from '../pages/render';

/** Where scripts/build-site-assets.js puts the browser files: dist/assets/<version>/. */
const ROOT = path.join(PLUGIN_ROOT, 'dist', 'assets');
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The version of the built assets (a hash of their contents): part of every asset URL. */
export function assetsVersion(): string {
  const file = path.join(PLUGIN_ROOT, 'dist', 'assets-version.json');
  if (!fs.existsSync(file)) throw new Error('website: no built assets; run npm run build:plugins');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * GET /assets/<version>/<file>: koa-send (koa-static's file sender: safe path resolution, ETag,
 * conditional GETs). A URL's content never changes, so it may be cached for a year.
 */
export async function serveAsset(ctx: Context) {
  try {
    const sent = await send(ctx, String(ctx.params[0] ?? ''), {
      root: ROOT,
      maxage: YEAR_MS,
      immutable: true,
      index: false,
      hidden: false,
    });
    if (!sent) ctx.status = 404;
  } catch (error) {
    // koa-send's own 404 (no such file) and 403 (a path outside the folder): an answer, not a fault to log.
    const status = (error as { status?: number }).status;
    if (status !== 404 && status !== 403) throw error;
    ctx.status = 404;
  }
}
