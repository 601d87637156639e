import type { Core } from '@strapi/strapi';

/**
 * The library as open data: the licence the export, the feed and the API documentation state, who to
 * contact about the API, and the bounds of the export and the feed. Read with strapi.config.get('open-data').
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  licence: {
    name: env('OPEN_DATA_LICENCE', 'Open Government Licence v3.0'),
    url: env(
      'OPEN_DATA_LICENCE_URL',
      'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'
    ),
  },
  /** Who publishes the data and answers questions about the API (empty values are left out). */
  contact: {
    name: env('API_CONTACT_NAME', env('SITE_ORGANISATION', '')),
    email: env('API_CONTACT_EMAIL', ''),
    url: env('API_CONTACT_URL', ''),
  },
  /** Case studies read from the database at a time while exporting (bounds the memory of one export). */
  exportBatchSize: env.int('OPEN_DATA_EXPORT_BATCH_SIZE', 200),
  /** Newest case studies in the Atom feed. */
  feedSize: env.int('OPEN_DATA_FEED_SIZE', 50),
  /** URLs in one sitemap file (the protocol's limit is 50,000); past it /sitemap.xml is a sitemap index. */
  sitemapUrlsPerFile: env.int('SITEMAP_URLS_PER_FILE', 50_000),
});

export default config;
