import type { Core } from '@strapi/strapi';
import { confirmations } from './accounts/confirmation';
import type { Limits } from './accounts/limits';
import { assetsVersion } from './assets/serve';
import { siteUrl, websiteConfig } from './config';
import { openDataViews } from './open-data/head';
import { addViewGlobal, configureSite } from './pages/render';

/**
 * The brand and asset version every page renders with; and every confirmation email, whichever
 * way an account is made (the site, or POST /api/auth/local/register and /send-email-confirmation),
 * links to the site's confirm page, built from PUBLIC_URL or the request's origin: never from a
 * stored setting that a CLI run can rewrite.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { siteName, footerLinks, organisation } = websiteConfig(strapi);
  configureSite({ name: siteName, footerLinks, organisation, assets: `/assets/${assetsVersion()}` });
  addViewGlobal('openData', openDataViews(strapi));

  // Expired rate-limit rows go every ten minutes (any process may do it; the DELETE is idempotent).
  strapi.cron.add({
    websiteRateLimitCleanup: {
      task: () => (strapi.plugin('website').service('limits') as Limits).clearExpired(),
      options: { rule: '*/10 * * * *' },
    },
  });

  const users = strapi.plugin('users-permissions').service('user') as {
    sendConfirmationEmail(user: { id: number; email: string }): Promise<void>;
  };
  users.sendConfirmationEmail = async (user) => {
    const origin = strapi.requestContext.get()?.origin ?? (strapi.config.get('server.absoluteUrl') as string);
    await confirmations(strapi).send(user, siteUrl(strapi, origin));
  };
};
