import type { Core } from '@strapi/strapi';
import { graphqlLimits } from '../src/lib/graphql-limits';
import { UPLOAD_MIME_TYPES } from '../src/plugins/submissions/shared/upload-types';

// Strapi's own first check of media-library uploads (by name and a magic-number guess). The deciding
// check is by content, in the submissions plugin (uploads/media-library-rules.ts), with the same list.
// Strapi's guess for Word 97-2003, Excel and PowerPoint files is only "a compound file": let it through.
const allowedMediaTypes = [...UPLOAD_MIME_TYPES, 'application/x-cfb'];

const deniedTypes = [
  'image/svg+xml',
  'application/javascript',
  'text/javascript',
  'application/xhtml+xml',
  'application/xml',
  'text/xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
  'text/html',
];

const graphqlPage = { defaultLimit: 25, maxLimit: 100 };

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      // One signed token per sign-in, kept by the council pages in an httpOnly cookie; a working day long.
      jwtManagement: 'legacy-support',
      jwt: { expiresIn: env('COUNCIL_SESSION_LIFETIME', '8h') },
      // No ratelimit here: its limiter counts in each process's memory. The website plugin replaces it on
      // the /api/auth/* routes with counters in the database (website.limits.authApiPerClient).
    },
  },
  submissions: {
    enabled: true,
    resolve: './src/plugins/submissions',
    config: {
      publicUrl: env('PUBLIC_URL', '') || `http://localhost:${env('PORT', '1337')}`,
      emailRetrySchedule: env('EMAIL_RETRY_SCHEDULE', '*/30 * * * * *'),
      outboxShutdownWaitMs: env.int('EMAIL_SHUTDOWN_WAIT_MS', 10_000),
      // Files of unpublished submissions: outside public/, shared by every process (a network volume).
      privateUploadsDir: env('PRIVATE_UPLOADS_DIR', '.tmp/private-uploads'),
    },
  },
  // The public library and the council form; depends on submissions (never the reverse).
  website: {
    enabled: true,
    resolve: './src/plugins/website',
    config: {
      publicUrl: env('PUBLIC_URL', ''),
      siteName: env('SITE_NAME', 'Local government case studies'),
      organisation: env('SITE_ORGANISATION', ''),
      // JSON: [{ "text": "Accessibility", "href": "https://example.gov.uk/accessibility" }, ...]
      footerLinks: env.json('SITE_FOOTER_LINKS', [
        { text: 'Case studies', href: '/case-studies' },
        { text: 'Submit a case study', href: '/submit' },
        { text: 'API documentation', href: '/documentation' },
      ]),
      limits: {
        signInFailuresPerAccount: env.int('SITE_SIGNIN_MAX_FAILURES', 5),
        signInFailuresPerClient: env.int('SITE_SIGNIN_MAX_FAILURES_PER_IP', 20),
        signInWindowSeconds: env.int('SITE_SIGNIN_WINDOW_SECONDS', 15 * 60),
        accountRequestsPerAccount: env.int('SITE_ACCOUNT_MAX_REQUESTS', 5),
        accountRequestsPerClient: env.int('SITE_ACCOUNT_MAX_REQUESTS_PER_IP', 30),
        authApiPerClient: env.int('AUTH_RATE_LIMIT_MAX', 10),
      },
      confirmationLinkHours: env.int('SITE_CONFIRMATION_LINK_HOURS', 72),
    },
  },
  email: {
    config: env('SMTP_HOST')
      ? {
          provider: 'nodemailer',
          providerOptions: {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ignoreTLS: !env.bool('SMTP_REQUIRE_TLS', false) && !env.bool('SMTP_SECURE', false),
            ...(env('SMTP_USERNAME')
              ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } }
              : {}),
          },
          settings: {
            defaultFrom: env('EMAIL_FROM', 'case-studies@localhost'),
            defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'case-studies@localhost')),
          },
        }
      : {
          // No SMTP server configured: messages go to the server log.
          provider: 'strapi-provider-email-log', // providers/email-log, installed by npm as a local package
          settings: { defaultFrom: env('EMAIL_FROM', 'case-studies@localhost') },
        },
  },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_BYTES', 20 * 1024 * 1024),
      security: {
        allowedTypes: allowedMediaTypes,
        deniedTypes,
      },
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // A public endpoint: bound how deep and how wide one query may reach.
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 7),
      amountLimit: env.int('GRAPHQL_AMOUNT_LIMIT', 100),
      ...graphqlPage,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        introspection: true,
        // Depth alone does not bound cost (lists multiply, aliases repeat): bound the rows asked for.
        // Also refuses control characters in variables (GraphQL parses its own request body).
        plugins: [graphqlLimits({ maxCost: env.int('GRAPHQL_MAX_COST', 10_000), ...graphqlPage })],
      },
    },
  },
  // The OpenAPI document at /documentation: its info (version, licence, contact) and paths are set by
  // src/openapi (registerOpenApi) from package.json and config/open-data.ts; no plugin's generated routes.
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.3',
      info: {
        version: '0.0.0',
        title: env('API_TITLE', 'Local government case studies API'),
      },
      'x-strapi-config': {
        plugins: [],
      },
    },
  },
});

export default config;
