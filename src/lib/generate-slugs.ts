import type { Core, UID } from '@strapi/strapi';

/**
 * REST and GraphQL clients may leave out a slug: derive it from its target field (title, name) the
 * way the admin panel does, unique within the type. Only on create: a published slug is a URL.
 */
export function registerSlugGeneration(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (!context.uid.startsWith('api::') || context.action !== 'create') return next();
    const data = (context.params as { data?: Record<string, unknown> }).data;
    if (!data) return next();
    const uidService = strapi.plugin('content-manager').service('uid');
    for (const [field, attribute] of Object.entries(strapi.getModel(context.uid).attributes)) {
      if (attribute.type !== 'uid' || !attribute.targetField || data[field]) continue;
      if (typeof data[attribute.targetField] !== 'string' || !data[attribute.targetField]) continue;
      data[field] = await uidService.generateUIDField({
        contentTypeUID: context.uid as UID.ContentType,
        field,
        data,
      });
    }
    return next();
  });
}
