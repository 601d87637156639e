import fs from 'fs';
import path from 'path';
import nunjucks from 'nunjucks';
import type { Context } from 'koa';
import { csrfToken } from './session';

/** The plugin's root folder (views and browser files live outside the compiled dist/). */
function pluginRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'site', 'views'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('submissions site: cannot find site/views');
    dir = parent;
  }
  return dir;
}

export const SITE_DIR = path.join(pluginRoot(__dirname), 'site');
export const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const env = nunjucks.configure([path.join(SITE_DIR, 'views'), GOVUK_DIST], {
  autoescape: true,
  throwOnUndefined: false,
  noCache: process.env.NODE_ENV === 'development',
});

/** "5 March 2018", as GOV.UK writes dates. */
export const longDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

export interface FieldError {
  /** The id of the field the error summary links to. */
  href: string;
  text: string;
}

/** Renders a page inside the layout; a page with errors answers 422 unless told otherwise. */
export function render(
  ctx: Context,
  view: string,
  data: Record<string, unknown> = {},
  status?: number
): void {
  const errors = (data.errors as FieldError[] | undefined) ?? [];
  const nonce = (ctx.state as { cspNonce?: string }).cspNonce;
  ctx.status = status ?? (errors.length ? 422 : 200);
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = env.render(`${view}.njk`, {
    ...data,
    errors,
    errorFor: Object.fromEntries(errors.map((e) => [e.href.replace(/^.*#/, ''), { text: e.text }])),
    csrfToken: csrfToken(ctx),
    cspNonce: nonce,
    signedIn: Boolean((ctx.state as { siteToken?: string }).siteToken),
    currentPath: ctx.path,
  });
}
