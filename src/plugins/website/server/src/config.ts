import type { Core } from '@strapi/strapi';

/** The website's configuration (config/plugins.ts: website.config), checked at boot. */
export interface WebsiteConfig {
  /** Where links in the site's emails point; empty: the origin the request came in on. */
  publicUrl: string;
  /** The service's name, in the header and every page title. */
  siteName: string;
  /** The organisation's links in the footer. */
  footerLinks: { text: string; href: string }[];
  /** Who runs the service, named in the footer ("Run by ..."); empty: not shown. */
  organisation: string;
  limits: {
    /** Failed sign-ins per email address and client, and per client, in `signInWindowSeconds`. */
    signInFailuresPerAccount: number;
    signInFailuresPerClient: number;
    signInWindowSeconds: number;
    /** Account emails (sign-up, resend, forgotten password) and resets, per email and client, and per client, an hour. */
    accountRequestsPerAccount: number;
    accountRequestsPerClient: number;
    /** Requests a minute per client to each of users-permissions' /api/auth/* routes. */
    authApiPerClient: number;
  };
  /** How long a confirmation link works. */
  confirmationLinkHours: number;
}

export const DEFAULT_CONFIG: WebsiteConfig = {
  publicUrl: '',
  siteName: 'Local government case studies',
  // Strapi fills plugin config with defaults index by index, so a list's default stays empty: the
  // app's config/plugins.ts gives the whole list.
  footerLinks: [],
  organisation: '',
  limits: {
    signInFailuresPerAccount: 5,
    signInFailuresPerClient: 20,
    signInWindowSeconds: 15 * 60,
    accountRequestsPerAccount: 5,
    accountRequestsPerClient: 30,
    authApiPerClient: 10,
  },
  confirmationLinkHours: 72,
};

const positive = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

export default {
  default: DEFAULT_CONFIG,
  validator(config: WebsiteConfig) {
    if (config.publicUrl && !/^https?:\/\/[^/]+$/.test(config.publicUrl.replace(/\/$/, '')))
      throw new Error('website.publicUrl (PUBLIC_URL) must be an http(s) origin, like https://casestudies.example.gov.uk');
    if (!config.siteName?.trim()) throw new Error('website.siteName (SITE_NAME) must not be empty');
    for (const link of config.footerLinks ?? [])
      if (!link.text || !/^(https?:\/\/|\/)/.test(link.href ?? ''))
        throw new Error(`website.footerLinks: each link needs text and an http(s) or /path href (got ${JSON.stringify(link)})`);
    for (const [name, value] of Object.entries(config.limits ?? {}))
      if (!positive(value)) throw new Error(`website.limits.${name} must be a whole number above 0`);
    if (!positive(config.confirmationLinkHours)) throw new Error('website.confirmationLinkHours must be a whole number above 0');
  },
};

export const websiteConfig = (strapi: Core.Strapi) => strapi.config.get('plugin::website') as WebsiteConfig;

/** The site's own address for links in emails: PUBLIC_URL, or the origin of this request (proxy-aware). */
export const siteUrl = (strapi: Core.Strapi, origin: string) =>
  (websiteConfig(strapi).publicUrl || origin).replace(/\/$/, '');
