import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  clearInterval((strapi as unknown as { submissionsOutboxTimer?: NodeJS.Timeout }).submissionsOutboxTimer);
  await getService(strapi, 'outbox').drain();
};
