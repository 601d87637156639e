import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  clearInterval((strapi as unknown as { submissionsOutboxTimer?: NodeJS.Timeout }).submissionsOutboxTimer);
};
