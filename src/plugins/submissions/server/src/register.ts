import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ForbiddenError } from './errors';
import { registerSessionChecks } from './sessions/wire-users-permissions';
import { registerMediaLibraryRules } from './uploads/media-library-rules';
import { getService, UIDS } from './utils/get-service';

/** Schema additions and write rules, before the database is synchronised. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // A council officer's account belongs to one council.
  const user = strapi.contentType(UIDS.user) as unknown as { attributes: Record<string, unknown> };
  user.attributes.council = {
    type: 'relation',
    relation: 'manyToOne',
    target: UIDS.council,
    configurable: false,
  };

  // Tokens carry a per-user session version that sign-out, password changes and blocks bump.
  registerSessionChecks(strapi);

  // Uploads are typed by content, attachments and the admin's media library alike.
  registerMediaLibraryRules(strapi);

  // Every way an account is created (sign-up, invitation, admin panel) goes through the Document Service.
  strapi.documents.use(async (context, next) => {
    if (context.uid === UIDS.user && context.action === 'create') {
      const data = (context.params as { data?: Record<string, unknown> }).data;
      if (data) await getService(strapi, 'accounts').applyCouncilRules(data);
    }
    return next();
  });

  // The review history is append-only: the workflow writes it through the query engine, so any
  // Document Service write to it (the content manager's API, another plugin) is refused.
  strapi.documents.use(async (context, next) => {
    if (
      context.uid === UIDS.event &&
      !['findMany', 'findFirst', 'findOne', 'count'].includes(context.action)
    ) {
      throw new ForbiddenError(
        'The review history is append-only: events cannot be created, changed or deleted here'
      );
    }
    return next();
  });

  // The plugin's own types are reached only through its routes, whose rules they need: keep them out
  // of GraphQL's generated queries and mutations.
  const graphql = strapi.plugin('graphql');
  if (graphql) {
    for (const uid of [UIDS.submission, UIDS.event, UIDS.template, UIDS.outbox]) {
      graphql.service('extension').shadowCRUD(uid).disable();
    }
  }
};
