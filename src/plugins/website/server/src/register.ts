import type { Core } from '@strapi/strapi';

const IN_MEMORY_LIMIT = 'plugin::users-permissions.rateLimit';

/** users-permissions' /api/auth/* routes: their in-memory limiter swapped for ours, in the database. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const routers = strapi.plugin('users-permissions').routes as unknown as Record<
    string,
    { routes?: { config?: { middlewares?: unknown[] } }[] }
  >;
  for (const route of routers['content-api']?.routes ?? []) {
    const middlewares = route.config?.middlewares;
    if (middlewares?.includes(IN_MEMORY_LIMIT))
      route.config!.middlewares = middlewares.map((m) => (m === IN_MEMORY_LIMIT ? 'plugin::website.auth-limit' : m));
  }
};
