import type { Core } from '@strapi/strapi';
import { createLimits } from '../accounts/limits';

export default {
  /** One set of database-backed rate limiters per process (accounts/limits.ts). */
  limits: ({ strapi }: { strapi: Core.Strapi }) => createLimits(strapi),
};
