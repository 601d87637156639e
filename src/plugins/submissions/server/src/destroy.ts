import type { Core } from '@strapi/strapi';
import type { SubmissionsConfig } from './config';
import { OUTBOX_CRON_JOB } from './services/outbox';
import { getService } from './utils/get-service';

/** Runs before the database closes: no more retries; sends under way finish (bounded), claims are released. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  if (strapi.cron.jobs.some((job) => job.name === OUTBOX_CRON_JOB)) strapi.cron.remove(OUTBOX_CRON_JOB);
  const { outboxShutdownWaitMs } = strapi.config.get('plugin::submissions') as SubmissionsConfig;
  await getService(strapi, 'outbox').shutdown(outboxShutdownWaitMs);
};
