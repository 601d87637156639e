import type { Core } from '@strapi/strapi';

/** The sample case studies (database/seed/sample-data.json): loaded once, on the first start of an empty database. */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  loadOnFirstStart: env.bool('SEED_SAMPLE_DATA', true),
});

export default config;
