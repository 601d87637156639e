import type { Core } from '@strapi/strapi';
import { openDataConfig } from '../../../../../open-data/config';
import { siteUrl, websiteConfig } from '../config';
import { filtersOfPage, queryString } from './filters';

/** JSON for inside a <script> element: no "<" (so no "</script>"), "&" or line separators unescaped. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

interface ShownCaseStudy {
  slug: string;
  title: string;
  summary: string;
  publicationDate?: string | null;
  updatedAt?: string;
  councils?: Array<{ name: string }>;
  topics?: Array<{ name: string }>;
  coverImage?: { url: string } | null;
}

/**
 * What the views' open-data partials show (views/open-data/): the library's download and feed links
 * under the current filters, and a case study's canonical URL, Open Graph tags and schema.org JSON-LD.
 */
export function openDataViews(strapi: Core.Strapi) {
  return {
    libraryLinks(pageQuery: Record<string, unknown> | undefined) {
      const filters = queryString(filtersOfPage(pageQuery ?? {}));
      const { licence } = openDataConfig(strapi);
      return {
        csv: `/case-studies/export.csv${filters}`,
        json: `/case-studies/export.json${filters}`,
        atom: `/case-studies/feed.atom${filters}`,
        filtered: Boolean(filters),
        licence,
      };
    },

    caseStudyHead(caseStudy: ShownCaseStudy, requestOrigin: string) {
      const origin = siteUrl(strapi, requestOrigin);
      const { siteName, organisation } = websiteConfig(strapi);
      const { licence } = openDataConfig(strapi);
      const canonical = `${origin}/case-studies/${caseStudy.slug}`;
      const image = caseStudy.coverImage?.url
        ? /^https?:/.test(caseStudy.coverImage.url)
          ? caseStudy.coverImage.url
          : `${origin}${caseStudy.coverImage.url}`
        : undefined;
      const article = {
        '@context': 'https://schema.org',
        '@type': 'Article',
        headline: caseStudy.title,
        description: caseStudy.summary,
        url: canonical,
        mainEntityOfPage: canonical,
        ...(caseStudy.publicationDate ? { datePublished: caseStudy.publicationDate } : {}),
        ...(caseStudy.updatedAt ? { dateModified: caseStudy.updatedAt } : {}),
        ...(image ? { image } : {}),
        author: (caseStudy.councils ?? []).map((c) => ({ '@type': 'GovernmentOrganization', name: c.name })),
        about: (caseStudy.topics ?? []).map((t) => ({ '@type': 'Thing', name: t.name })),
        publisher: { '@type': 'Organization', name: organisation || siteName, url: origin },
        ...(licence.url ? { license: licence.url } : {}),
        isAccessibleForFree: true,
      };
      return {
        canonical,
        siteName,
        image,
        published: caseStudy.publicationDate ?? undefined,
        jsonLd: scriptJson(article),
      };
    },
  };
}
