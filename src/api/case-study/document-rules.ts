import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = 'api::case-study.case-study';

/**
 * A published case study must be filed under at least one topic (the library is browsed by topic).
 * Checked after the write, inside the same transaction, so every input shape (ids, documentIds,
 * connect/set) is covered and a refusal rolls the write back. Drafts may be incomplete.
 */
export function registerCaseStudyRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID || !['create', 'update', 'publish'].includes(context.action)) return next();
    const params = context.params as { status?: string; documentId?: string };
    const publishes = context.action === 'publish' || params.status === 'published';
    if (!publishes) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (!documentId) return result;
      const published = await strapi.db.query(UID).findOne({
        where: { documentId, publishedAt: { $notNull: true } },
        populate: { topics: { select: ['id'] } },
      });
      if (published && (published.topics ?? []).length === 0) {
        throw new errors.ValidationError('topics: a published case study needs at least one topic', {
          errors: [{ path: ['topics'], message: 'must have at least one topic', name: 'ValidationError' }],
        });
      }
      return result;
    });
  });
}
