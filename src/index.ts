import type { Core } from '@strapi/strapi';
import { registerCaseStudyRules } from './api/case-study/document-rules';
import { grantPublicRead } from './bootstrap/public-permissions';
import { guardAfterCommitWork } from './lib/after-commit';
import { registerDocumentInputChecks } from './lib/document-input-checks';
import { registerPublishedOnlyForPublic } from './lib/published-only';
import { registerSlugGeneration } from './lib/generate-slugs';
import { generateOpenApiInProduction, registerOpenApi } from './openapi';
import { registerOperations } from './ops';
import { seedOnFirstRun } from './seed/sample-data';
import { bootstrapSearch, registerSearch } from './search';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    guardAfterCommitWork(strapi);
    registerOperations(strapi);
    registerPublishedOnlyForPublic(strapi);
    registerDocumentInputChecks(strapi);
    registerSlugGeneration(strapi);
    registerCaseStudyRules(strapi);
    registerSearch(strapi);
    registerOpenApi(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Runs after every plugin's and the admin panel's bootstrap: see the service's comment.
    await strapi.plugin('submissions').service('editorRoles').ensure();
    await grantPublicRead(strapi);
    await bootstrapSearch(strapi);
    await seedOnFirstRun(strapi);
    await generateOpenApiInProduction(strapi);
  },
};
