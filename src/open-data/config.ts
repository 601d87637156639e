import type { Core } from '@strapi/strapi';

/** config/open-data.ts, checked where it is read. */
export interface OpenDataConfig {
  licence: { name: string; url: string };
  contact: { name: string; email: string; url: string };
  exportBatchSize: number;
  feedSize: number;
  sitemapUrlsPerFile: number;
}

export function openDataConfig(strapi: Core.Strapi): OpenDataConfig {
  const config = strapi.config.get('open-data') as OpenDataConfig;
  if (!config?.licence?.name) throw new Error('open-data.licence.name (OPEN_DATA_LICENCE) must not be empty');
  if (config.licence.url && !/^https?:\/\//.test(config.licence.url))
    throw new Error('open-data.licence.url (OPEN_DATA_LICENCE_URL) must be an http(s) URL');
  const bounded = (name: keyof OpenDataConfig, min: number, max: number) => {
    const value = config[name] as number;
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`open-data.${name} must be a whole number from ${min} to ${max}`);
  };
  bounded('exportBatchSize', 1, 1000);
  bounded('feedSize', 1, 100);
  bounded('sitemapUrlsPerFile', 1, 50_000);
  return config;
}
