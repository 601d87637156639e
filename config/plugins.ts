import type { Core } from '@strapi/strapi';

const allowedMediaTypes = [
  'image/*',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.*',
  'application/vnd.oasis.opendocument.*',
  'text/plain',
  'text/csv',
];

const deniedTypes = [
  'image/svg+xml',
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

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      // One signed token per sign-in, kept by the council pages in an httpOnly cookie; a working day long.
      jwtManagement: 'legacy-support',
      jwt: { expiresIn: env('COUNCIL_SESSION_LIFETIME', '8h') },
      ratelimit: { interval: 60_000, max: env.int('AUTH_RATE_LIMIT_MAX', 10) },
    },
  },
  submissions: {
    enabled: true,
    resolve: './src/plugins/submissions',
    config: {
      publicUrl: env('PUBLIC_URL', '') || `http://localhost:${env('PORT', '1337')}`,
      emailRetrySchedule: env('EMAIL_RETRY_SCHEDULE', '*/30 * * * * *'),
      outboxShutdownWaitMs: env.int('EMAIL_SHUTDOWN_WAIT_MS', 10_000),
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
      defaultLimit: 25,
      maxLimit: 100,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: { introspection: true },
    },
  },
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.0',
      info: {
        version: '1.0.0',
        title: 'Local government case studies API',
        description:
          'Published case studies, topics, support types and councils. Read-only for the public; ' +
          'filter, sort and page with Strapi REST parameters.',
        license: { name: 'MIT' },
      },
      'x-strapi-config': {
        plugins: ['upload'],
      },
    },
  },
});

export default config;
