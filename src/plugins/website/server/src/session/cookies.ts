import crypto from 'crypto';
import type { Context, Next } from 'koa';

/** Cookies of the council site: both signed with the app's keys, httpOnly, SameSite=Lax. */
const SESSION = 'cs_session';
const CSRF = 'cs_csrf';

/**
 * Secure whenever the request came over HTTPS: directly, or at a proxy that Koa trusts
 * (IS_PROXIED sets server.proxy.koa, so X-Forwarded-Proto counts). Behind a proxy that ends TLS,
 * IS_PROXIED must be set, or the cookies go without Secure and every client shares one address.
 */
const cookieOptions = (ctx: Context, maxAge?: number) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: ctx.secure,
  signed: true,
  path: '/',
  overwrite: true,
  ...(maxAge ? { maxAge } : {}),
});

const setCookie = (ctx: Context, name: string, value: string, options: ReturnType<typeof cookieOptions>) =>
  ctx.cookies.set(name, value, options);

const SESSION_MS = 8 * 60 * 60 * 1000; // as long as the users-permissions token (COUNCIL_SESSION_LIFETIME)

export function sessionToken(ctx: Context): string | undefined {
  return ctx.cookies.get(SESSION, { signed: true }) || undefined;
}

export function startSession(ctx: Context, jwt: string): void {
  setCookie(ctx, SESSION, jwt, cookieOptions(ctx, SESSION_MS));
  (ctx.state as { siteToken?: string }).siteToken = jwt;
}

export function endSession(ctx: Context): void {
  setCookie(ctx, SESSION, '', { ...cookieOptions(ctx), maxAge: 0 });
  (ctx.state as { siteToken?: string }).siteToken = undefined;
}

/** The CSRF token of this browser (double submit: a signed cookie, echoed in every form). */
export function csrfToken(ctx: Context): string {
  const state = ctx.state as { csrf?: string };
  if (state.csrf) return state.csrf;
  let token = ctx.cookies.get(CSRF, { signed: true });
  if (!token) {
    token = crypto.randomBytes(24).toString('base64url');
    setCookie(ctx, CSRF, token, cookieOptions(ctx));
  }
  state.csrf = token;
  return token;
}

const sameToken = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Checks a session token: its user, or null when it is bad, expired, blocked or ended (sessions.verify). */
export type VerifySession = (token: string) => Promise<{ id: number } | null>;

/**
 * Every page: the session token in ctx.state (only while `verify` accepts it: a signed-out, reset or
 * blocked session is no session), a CSP nonce, and a 403 for a POST without the CSRF token.
 */
export async function siteMiddleware(ctx: Context, next: Next, verify: VerifySession): Promise<void> {
  const token = sessionToken(ctx);
  const session = token ? await verify(token) : null;
  if (token && !session) endSession(ctx);
  const state = ctx.state as { siteToken?: string; siteUserId?: number };
  state.siteToken = session ? token : undefined;
  state.siteUserId = session?.id;
  const nonce = crypto.randomBytes(16).toString('base64');
  (ctx.state as { cspNonce?: string }).cspNonce = nonce;
  if (ctx.method === 'POST') {
    const sent = (ctx.request as unknown as { body?: Record<string, unknown> }).body?._csrf;
    const expected = ctx.cookies.get(CSRF, { signed: true });
    if (typeof sent !== 'string' || !expected || !sameToken(sent, expected)) {
      ctx.status = 403;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Forbidden: this form has expired. Go back, reload the page and try again.';
      return;
    }
  }
  await next();
  // govuk-frontend's template adds one inline script (the js-enabled class): allow it by nonce only.
  const csp = ctx.response.get('Content-Security-Policy');
  if (csp && ctx.type.startsWith('text/html'))
    ctx.set('Content-Security-Policy', csp.replace(/script-src ([^;]*)/, `script-src $1 'nonce-${nonce}'`));
}
