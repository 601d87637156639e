import type { Core } from '@strapi/strapi';
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

  // Every way an account is created (sign-up, invitation, admin panel) goes through the Document Service.
  strapi.documents.use(async (context, next) => {
    if (context.uid === UIDS.user && context.action === 'create') {
      const data = (context.params as { data?: Record<string, unknown> }).data;
      if (data) await getService(strapi, 'accounts').applyCouncilRules(data);
    }
    return next();
  });
};
