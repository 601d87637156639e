import fs from 'fs';
import path from 'path';
import nunjucks from 'nunjucks';
import type { Context } from 'koa';
import { csrfToken } from '../session/cookies';
import { fileSize, markdownParagraphs, paragraphs } from './format';

/** The plugin's root folder (views and assets live outside the compiled dist/). */
function pluginRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'strapi-server.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('website: cannot find the plugin folder');
    dir = parent;
  }
  return dir;
}

export const PLUGIN_ROOT = pluginRoot(__dirname);
export const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const env = nunjucks.configure([path.join(PLUGIN_ROOT, 'views'), GOVUK_DIST], {
  autoescape: true,
  throwOnUndefined: false,
  noCache: process.env.NODE_ENV === 'development',
});

// Typed text keeps its paragraphs and line breaks, escaped (format.ts); autoescape stays on.
env.addFilter('paragraphs', (text: unknown, cls?: string) => new nunjucks.runtime.SafeString(paragraphs(text, cls)));
env.addFilter('markdownParagraphs', (md: unknown, cls?: string) => new nunjucks.runtime.SafeString(markdownParagraphs(md, cls)));
env.addFilter('fileSize', fileSize);

/** A value or function every view can use (e.g. the open-data partials' helpers). */
export const addViewGlobal = (name: string, value: unknown) => env.addGlobal(name, value);

/** What every page shows of the service: its name, footer links, organisation, and where its assets are. */
export function configureSite(site: {
  name: string;
  footerLinks: { text: string; href: string }[];
  organisation: string;
  assets: string;
}): void {
  env.addGlobal('site', site);
}

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
    requestQuery: ctx.query,
    requestOrigin: ctx.origin,
  });
}
