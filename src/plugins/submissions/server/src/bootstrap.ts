import type { Core } from '@strapi/strapi';
import { ACTIONS } from '../../shared/workflow';
import { ADMIN_ACTION_DEFINITIONS, COUNCIL_ROLE } from './config/admin-actions';
import type { SubmissionsConfig } from './config';
import { OUTBOX_CRON_JOB } from './services/outbox';
import { webhookEvent } from './services/workflow';
import { endSessionsOnPasswordOrBlock } from './sessions/wire-users-permissions';
import { refuseOtherFileRows } from './uploads/media-library-rules';
import { getService, UIDS } from './utils/get-service';

/** What a council contributor may call: their submissions API, and the library's public reads. */
const COUNCIL_ROLE_ACTIONS = [
  ...[
    'find',
    'findOne',
    'create',
    'update',
    'act',
    'addAttachment',
    'removeAttachment',
    'downloadAttachment',
  ].map((a) => `plugin::submissions.council.${a}`),
  ...['case-study', 'topic', 'support-type', 'council'].flatMap((n) => [
    `api::${n}.${n}.find`,
    `api::${n}.${n}.findOne`,
  ]),
  'plugin::users-permissions.user.me',
  // An officer may change their own password (which ends their other sessions).
  'plugin::users-permissions.auth.changePassword',
];

async function ensureCouncilRole(strapi: Core.Strapi) {
  let role = await strapi.db.query(UIDS.role).findOne({ where: { type: COUNCIL_ROLE.type } });
  if (!role) role = await strapi.db.query(UIDS.role).create({ data: COUNCIL_ROLE });
  const granted = await strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id }, select: ['action'] });
  const have = new Set(granted.map((p: { action: string }) => p.action));
  for (const action of COUNCIL_ROLE_ACTIONS.filter((a) => !have.has(a))) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

/**
 * Sign-up needs email confirmation and lands in the council role. Confirmation emails are the
 * website's (its confirm page, built from PUBLIC_URL or the request): the stored redirection is
 * relative, so a CLI run with another environment cannot point it at a dead address.
 */
async function configureAccounts(strapi: Core.Strapi) {
  const { publicUrl } = strapi.config.get('plugin::submissions') as { publicUrl: string };
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  await store.set({
    key: 'advanced',
    value: {
      ...advanced,
      unique_email: true,
      allow_register: true,
      email_confirmation: true,
      default_role: COUNCIL_ROLE.type,
      email_confirmation_redirection: '/submit/sign-in?confirmed=1',
      email_reset_password: `${publicUrl}/submit/reset-password`,
    },
  });
  const emails = (await store.get({ key: 'email' })) as Record<
    string,
    { options: Record<string, unknown> }
  > | null;
  const confirmation = emails?.email_confirmation?.options as { from?: { email?: string } } | undefined;
  if (emails && confirmation?.from?.email === 'no-reply@strapi.io') {
    const { defaultFrom } =
      (strapi.config.get('plugin::email') as { settings?: { defaultFrom?: string } }).settings ?? {};
    const from = { name: 'Case studies', email: defaultFrom || 'case-studies@localhost' };
    emails.email_confirmation.options = {
      ...emails.email_confirmation.options,
      from,
      object: 'Confirm your email address',
      // Sent as both the text and the HTML part: keep it readable as plain text.
      message:
        'Confirm your email address to start submitting case studies: <%= URL %>?confirmation=<%= CODE %>',
    };
    emails.reset_password.options = {
      ...emails.reset_password.options,
      from,
      object: 'Reset your password',
      message: 'Use this link to set a new password: <%= URL %>?code=<%= TOKEN %>',
    };
    await store.set({ key: 'email', value: emails });
  }
}

/** Accounts whose address's real domain is not their council's (issue 9's quoted-address hole): block them. */
async function blockMismatchedAccounts(strapi: Core.Strapi) {
  const blocked = await getService(strapi, 'accountAudit').blockMismatched();
  if (blocked.length)
    strapi.log.warn(
      `submissions: blocked ${blocked.length} council account(s) whose email's real domain is not their council's: ` +
        blocked.map((a) => `#${a.id} ${JSON.stringify(a.email)} (${a.council}: ${a.problem})`).join('; ') +
        '. List them with `npm run accounts:audit`.'
    );
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  endSessionsOnPasswordOrBlock(strapi);
  refuseOtherFileRows(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTION_DEFINITIONS);
  await ensureCouncilRole(strapi);
  await configureAccounts(strapi);
  await blockMismatchedAccounts(strapi);
  await getService(strapi, 'template').ensureDefault();
  await getService(strapi, 'privateFiles').prepare();
  await getService(strapi, 'caseStudyMedia').adoptLegacy();

  const webhooks = strapi.get('webhookStore');
  for (const action of ACTIONS)
    webhooks.addAllowedEvent(`SUBMISSION_${action.toUpperCase()}`, webhookEvent(action));

  scheduleOutbox(strapi);
};

/**
 * Each process retries due emails on Strapi's cron service (config/server.ts `cron.enabled`); claims
 * in the database keep two processes from sending one twice. A sweep at start sends what a stopped
 * process left pending.
 */
function scheduleOutbox(strapi: Core.Strapi) {
  const outbox = getService(strapi, 'outbox');
  const { emailRetrySchedule } = strapi.config.get('plugin::submissions') as SubmissionsConfig;
  if (!strapi.config.get('server.cron.enabled')) {
    strapi.log.warn('Cron is disabled (CRON_ENABLED=false): this process does not retry failed emails');
    return;
  }
  strapi.cron.add({
    [OUTBOX_CRON_JOB]: { task: async () => outbox.dispatchDue(), options: { rule: emailRetrySchedule } },
  });
  // Strapi's cron service logs an invalid rule and goes on: refuse to start without retries instead.
  if (!strapi.cron.jobs.some((job) => job.name === OUTBOX_CRON_JOB))
    throw new Error(`EMAIL_RETRY_SCHEDULE "${emailRetrySchedule}" is not a valid cron rule`);
  outbox.dispatchDue();
}
