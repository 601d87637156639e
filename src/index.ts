import type { Core } from '@strapi/strapi';
import { registerCaseStudyRules } from './api/case-study/document-rules';
import { grantPublicRead } from './bootstrap/public-permissions';
import { registerDocumentInputChecks } from './lib/document-input-checks';
import { registerPublishedOnlyForPublic } from './lib/published-only';
import { registerSlugGeneration } from './lib/generate-slugs';
import { generateOpenApiInProduction, registerOpenApi } from './openapi';
import { seedOnFirstRun } from './seed/sample-data';
import { ensureSearchIndex, registerSearchIndexSync } from './search/index-sync';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnlyForPublic(strapi);
    registerDocumentInputChecks(strapi);
    registerSlugGeneration(strapi);
    registerCaseStudyRules(strapi);
    registerSearchIndexSync(strapi);
    registerOpenApi(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Runs after every plugin's and the admin panel's bootstrap: see the service's comment.
    await strapi.plugin('submissions').service('editorRoles').ensure();
    await grantPublicRead(strapi);
    await ensureSearchIndex(strapi);
    await seedOnFirstRun(strapi);
    await generateOpenApiInProduction(strapi);
  },
};
