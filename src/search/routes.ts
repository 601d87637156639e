import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The search's actions, as permissions (the case-study controller's, so their names never changed). */
export const SEARCH_ACTIONS = {
  search: 'api::case-study.case-study.search',
  suggest: 'api::case-study.case-study.suggest',
} as const;

interface AuthContext {
  get(field: string): string;
  state: { route: { config: Record<string, unknown> }; auth?: unknown; searchAuthenticated?: boolean };
  unauthorized(message?: string): void;
  forbidden(message?: string): void;
}

/**
 * Access to a search route. A request with credentials goes through Strapi's own content-API
 * authentication and permission check, as on any route. An anonymous one is checked by the
 * controller against the Public role's permissions, read in the same query as the data generation:
 * users-permissions would otherwise query the permissions and build an ability on every request, which
 * measured about half of Strapi's per-request cost on this route.
 */
const access =
  (strapi: Core.Strapi, action: string) =>
  async (ctx: AuthContext, next: () => Promise<void>): Promise<void> => {
    if (!ctx.get('Authorization')) return next();
    const auth = strapi.get('auth');
    const config = { scope: [action] };
    ctx.state.route = { ...ctx.state.route, config: { ...ctx.state.route.config, auth: config } };
    let authenticated = false;
    await auth.authenticate(ctx, async () => {
      authenticated = true;
    });
    if (!authenticated) return; // authenticate has answered 401
    try {
      await auth.verify(ctx.state.auth, config);
    } catch (error) {
      if (error instanceof errors.UnauthorizedError) return ctx.unauthorized();
      if (error instanceof errors.ForbiddenError && !(error instanceof errors.PolicyError)) return ctx.forbidden();
      throw error;
    }
    ctx.state.searchAuthenticated = true;
    return next();
  };

/**
 * GET /api/case-studies/search and /suggest, handled by actions added to the case-study controller.
 * Strapi's per-route authentication is off (`auth: false`) because `access` does it, above.
 */
export const searchRoutes = (strapi: Core.Strapi) => ({
  type: 'content-api' as const,
  routes: (Object.keys(SEARCH_ACTIONS) as Array<keyof typeof SEARCH_ACTIONS>).map((name) => ({
    method: 'GET' as const,
    path: `/case-studies/${name}`,
    handler: SEARCH_ACTIONS[name],
    config: { auth: false as const, policies: [], middlewares: [access(strapi, SEARCH_ACTIONS[name])] },
  })),
});
