import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { websiteConfig } from '../config';
import { accountService } from './service';

const USER = 'plugin::users-permissions.user';
export const CONFIRM_PATH = '/submit/confirm';

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Email confirmation links to the site's own page (/submit/confirm?token=...), built at send time
 * from PUBLIC_URL or the request's origin, never from a stored setting. The token carries its
 * expiry; only its SHA-256 is stored (in users-permissions' confirmationToken), so a used link
 * finds nothing and a database read gives no working link.
 */
export function confirmations(strapi: Core.Strapi) {
  const users = () => strapi.db.query(USER);

  return {
    /** A new link for this account (any earlier one stops working), emailed to it. */
    async send(user: { id: number; email: string }, site: string): Promise<void> {
      const hours = websiteConfig(strapi).confirmationLinkHours;
      const expires = Math.floor(Date.now() / 1000) + hours * 3600;
      const token = `${expires.toString(36)}.${crypto.randomBytes(24).toString('base64url')}`;
      await users().update({ where: { id: user.id }, data: { confirmationToken: digest(token) } });
      await accountService(strapi).email(
        user.email,
        'confirm-email',
        'Confirm your email address',
        `Confirm your email address to start submitting case studies: ${site}${CONFIRM_PATH}?token=${token}\n\nThe link works for ${hours} hours. If you did not create an account, ignore this email.`
      );
    },

    /** Confirms the account of this link, once. */
    async confirm(token: unknown): Promise<'confirmed' | 'expired' | 'unknown'> {
      if (typeof token !== 'string' || !/^[0-9a-z]{1,12}\.[A-Za-z0-9_-]{32}$/.test(token)) return 'unknown';
      const user = await users().findOne({ where: { confirmationToken: digest(token) }, select: ['id'] });
      if (!user) return 'unknown';
      const expired = parseInt(token.split('.')[0], 36) * 1000 < Date.now();
      await users().update({
        where: { id: user.id },
        data: expired ? { confirmationToken: null } : { confirmationToken: null, confirmed: true },
      });
      return expired ? 'expired' : 'confirmed';
    },
  };
}
