import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { accountPages } from './account-pages';
import { serveAsset } from './assets';
import { PageStop } from './council-data';
import { libraryPages } from './library-pages';
import { render } from './render';
import { endSession, siteMiddleware } from './session';
import { submissionPages as s } from './submission-pages';

type Handler = (ctx: Context) => unknown;

/** The council site: GOV.UK pages at /submit and /case-studies, served by this Strapi. */
export function mountSite(strapi: Core.Strapi): void {
  const router = strapi.server.router;
  const a = accountPages(strapi);
  const verify = (token: string) => strapi.plugin('submissions').service('sessions').verify(token);

  const page = (handler: Handler) => (ctx: Context) =>
    siteMiddleware(
      ctx,
      async () => {
        try {
          await handler(ctx);
        } catch (error) {
          if (error instanceof PageStop && error.status === 401) {
            endSession(ctx);
            return ctx.redirect('/submit/sign-in');
          }
          if (error instanceof PageStop) return render(ctx, 'not-found', {}, 404);
          strapi.log.error(`council site ${ctx.method} ${ctx.path}: ${(error as Error).stack}`);
          render(ctx, 'problem', {}, 500);
        }
      },
      verify
    );

  const routes: [method: 'get' | 'post', path: string, handler: Handler][] = [
    ['get', '/submit', s.start],
    ['get', '/submit/sign-in', a.signInForm],
    ['post', '/submit/sign-in', a.signIn],
    ['post', '/submit/sign-out', a.signOut],
    ['get', '/submit/create-account', a.createAccountForm],
    ['post', '/submit/create-account', a.createAccount],
    ['get', '/submit/forgot-password', a.forgotForm],
    ['post', '/submit/forgot-password', a.forgot],
    ['get', '/submit/reset-password', a.resetForm],
    ['post', '/submit/reset-password', a.reset],
    ['get', '/submit/submissions', s.list],
    ['post', '/submit/submissions', s.create],
    ['get', '/submit/submissions/:id', s.taskList],
    ['get', '/submit/submissions/:id/check', s.check],
    ['post', '/submit/submissions/:id/check', s.submit],
    ['get', '/submit/submissions/:id/confirmation', s.confirmation],
    ['get', '/submit/submissions/:id/withdraw', s.withdrawForm],
    ['post', '/submit/submissions/:id/withdraw', s.withdraw],
    ['get', '/submit/submissions/:id/:step', s.question],
    ['post', '/submit/submissions/:id/:step', s.saveQuestion],
    ['get', '/case-studies', libraryPages.list],
    ['get', '/case-studies/:slug', libraryPages.show],
  ];
  for (const [method, path, handler] of routes) router[method](path, page(handler));
  router.get('/assets/(.*)', serveAsset);
}
