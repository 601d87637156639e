import type { Core } from '@strapi/strapi';

/**
 * The search's per-process cache of answers and keyword matches, for the current data generation
 * only (src/search/core.ts). Turn it off to measure the search's own speed (npm run bench does).
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  cache: {
    enabled: env.bool('SEARCH_CACHE_ENABLED', true),
    maxBytes: env.int('SEARCH_CACHE_MAX_BYTES', 32 * 1024 * 1024),
  },
});
