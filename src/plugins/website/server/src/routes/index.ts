/**
 * The site's routes, declared to Strapi like any plugin's, so they run through Strapi's router,
 * route middlewares and error handling. Strapi 5 mounts a router of type 'admin' on the root
 * router with the router's own prefix (content-api routers always sit under /api), so an empty
 * prefix puts these at /case-studies, /submit and /assets. None uses Strapi's authentication
 * (`auth: false`): the council pages have their own session (middlewares/page.ts).
 */
type Method = 'GET' | 'POST';

const page = (method: Method, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const, middlewares: ['plugin::website.page'] },
});

/** A public open-data download: no session or CSRF, errors in Strapi's JSON shape. */
const data = (path: string, handler: string) => ({
  method: 'GET' as const,
  path,
  handler,
  config: { auth: false as const },
});

export default {
  /** The public library. */
  library: {
    type: 'admin',
    prefix: '',
    routes: [
      page('GET', '/case-studies', 'library.list'),
      // Open data (issue 14): before /case-studies/:slug. Not pages: no session, JSON errors.
      data('/case-studies/export.csv', 'openData.exportCsv'),
      data('/case-studies/export.json', 'openData.exportJson'),
      data('/case-studies/feed.atom', 'openData.feed'),
      data('/sitemap.xml', 'openData.sitemap'),
      data('/robots.txt', 'openData.robots'),
      data('/documentation/openapi.json', 'openData.openApi'),
      page('GET', '/case-studies/:slug', 'library.show'),
    ],
  },
  /** The council form and its accounts. */
  council: {
    type: 'admin',
    prefix: '',
    routes: [
      page('GET', '/submit', 'submissions.start'),
      page('GET', '/submit/sign-in', 'accounts.signInForm'),
      page('POST', '/submit/sign-in', 'accounts.signIn'),
      page('POST', '/submit/sign-out', 'accounts.signOut'),
      page('GET', '/submit/create-account', 'accounts.createAccountForm'),
      page('POST', '/submit/create-account', 'accounts.createAccount'),
      page('GET', '/submit/confirm', 'accounts.confirm'),
      page('GET', '/submit/resend-confirmation', 'accounts.resendForm'),
      page('POST', '/submit/resend-confirmation', 'accounts.resend'),
      page('GET', '/submit/forgot-password', 'accounts.forgotForm'),
      page('POST', '/submit/forgot-password', 'accounts.forgot'),
      page('GET', '/submit/reset-password', 'accounts.resetForm'),
      page('POST', '/submit/reset-password', 'accounts.reset'),
      page('GET', '/submit/submissions', 'submissions.list'),
      page('POST', '/submit/submissions', 'submissions.create'),
      page('GET', '/submit/submissions/:id', 'submissions.taskList'),
      page('GET', '/submit/submissions/:id/check', 'submissions.check'),
      page('POST', '/submit/submissions/:id/check', 'submissions.submit'),
      page('GET', '/submit/submissions/:id/confirmation', 'submissions.confirmation'),
      page('GET', '/submit/submissions/:id/withdraw', 'submissions.withdrawForm'),
      page('POST', '/submit/submissions/:id/withdraw', 'submissions.withdraw'),
      // "Images and documents": multipart, before the question pages' /:id/:step.
      page('GET', '/submit/submissions/:id/attachments', 'attachments.list'),
      page('POST', '/submit/submissions/:id/attachments', 'attachments.upload'),
      page('POST', '/submit/submissions/:id/attachments/cover', 'attachments.chooseCover'),
      page('GET', '/submit/submissions/:id/attachments/:fileId', 'attachments.file'),
      page('GET', '/submit/submissions/:id/attachments/:fileId/remove', 'attachments.removeForm'),
      page('POST', '/submit/submissions/:id/attachments/:fileId/remove', 'attachments.remove'),
      page('GET', '/submit/submissions/:id/:step', 'submissions.question'),
      page('POST', '/submit/submissions/:id/:step', 'submissions.saveQuestion'),
    ],
  },
  /** The site's CSS, JS and images. */
  assets: {
    type: 'admin',
    prefix: '',
    routes: [{ method: 'GET', path: '/assets/(.*)', handler: 'assets.serve', config: { auth: false } }],
  },
};
