import type { Context } from 'koa';

const MESSAGE = 'The service cannot reach its database just now. Try again in a moment.';
const RETRY_AFTER_SECONDS = 5;

/** API and admin paths answer JSON; a browser asking for a page gets a page. */
const wantsPage = (ctx: Context) =>
  !/^\/(api|admin|graphql|submissions|content-manager|upload|users-permissions)(\/|$)/.test(ctx.path) &&
  ctx.accepts('json', 'html') === 'html';

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, the service is unavailable</title>
<style>body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#0b0c0c}main{max-width:640px;margin:40px auto;padding:0 15px}h1{font-size:2rem}p{font-size:1.1875rem;line-height:1.3}</style>
</head>
<body>
<main id="main-content">
<h1>Sorry, the service is unavailable</h1>
<p>We cannot show this page just now because of a problem at our end.</p>
<p>Nothing you saved before has been lost. Try again in a few minutes.</p>
</main>
</body>
</html>
`;

/** 503 while the database is unreachable: Strapi's error shape for the API, a plain page for people. */
export function respondUnavailable(ctx: Context): void {
  ctx.status = 503;
  ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
  ctx.set('Cache-Control', 'no-store');
  if (wantsPage(ctx)) {
    ctx.type = 'html';
    // The page replaces whatever the handler rendered: its own policy, inline style only.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.body = PAGE;
    return;
  }
  ctx.body = {
    data: null,
    error: { status: 503, name: 'ServiceUnavailableError', message: MESSAGE, details: {} },
  };
}
