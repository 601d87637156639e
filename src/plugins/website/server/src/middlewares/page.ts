import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { PageStop } from '../pages/errors';
import { render } from '../pages/render';
import { endSession, siteMiddleware } from '../session/cookies';
import { sessions } from '../session/tokens';

/**
 * Every page: the session (checked once, with the sessions service: a signed-out, reset or blocked
 * session is no session), the CSRF check and the CSP nonce (session/cookies.ts), and errors shown
 * as GOV.UK pages rather than Strapi's JSON: a 401 ends the session and goes to sign in, a 404 is
 * "Page not found", anything else is logged and answered with "Sorry, there is a problem".
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  (ctx: Context, next: Next) =>
    siteMiddleware(
      ctx,
      async () => {
        try {
          await next();
        } catch (error) {
          if (error instanceof PageStop && error.status === 401) {
            endSession(ctx);
            return ctx.redirect('/submit/sign-in');
          }
          if (error instanceof PageStop) return render(ctx, 'not-found', {}, 404);
          strapi.log.error(`website ${ctx.method} ${ctx.path}: ${(error as Error).stack}`);
          render(ctx, 'problem', {}, 500);
        }
      },
      (token) => sessions(strapi).verify(token)
    );
