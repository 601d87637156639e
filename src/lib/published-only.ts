import type { Core } from '@strapi/strapi';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Strapi's content API lets any caller allowed to `find` ask for `?status=draft` (REST) or
 * `status: DRAFT` (GraphQL). Here only integrations with an API token may read drafts; the Public
 * role and signed-in council users always read the published versions.
 */
export function registerPublishedOnlyForPublic(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const params = context.params as { status?: string };
    if (!READ_ACTIONS.has(context.action) || params.status !== 'draft') return next();
    if (!strapi.getModel(context.uid)?.options?.draftAndPublish) return next();

    const request = strapi.requestContext.get();
    const isContentApi = request?.state?.route?.info?.type === 'content-api';
    const isApiToken = request?.state?.auth?.strategy?.name === 'api-token';
    if (isContentApi && !isApiToken) params.status = 'published';
    return next();
  });
}
