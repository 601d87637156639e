import type { Core } from '@strapi/strapi';
import { getService, UIDS } from '../utils/get-service';
import type { SessionClaims } from '../services/sessions';

type Action = (ctx: { body?: unknown }, ...rest: unknown[]) => unknown;
type Lifecycle = {
  params: { data?: Record<string, unknown>; where?: unknown };
  result?: unknown;
  state: Record<string, unknown>;
};

/** The users-permissions actions that answer with a fresh `jwt` (REST and GraphQL both call them). */
const ISSUING_ACTIONS = ['callback', 'register', 'emailConfirmation', 'changePassword', 'resetPassword'];

/**
 * Register: users-permissions tokens carry the session version, and its content-API authentication
 * (`Authorization: Bearer`, REST and GraphQL) refuses a token whose version is not the user's current one.
 */
export function registerSessionChecks(strapi: Core.Strapi): void {
  const mode = strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support');
  if (mode !== 'legacy-support')
    throw new Error(
      `submissions: sessions need users-permissions jwtManagement 'legacy-support' (it is '${mode}')`
    );

  // A private per-user counter: bumped to end every session of the user (sessions.endAll).
  const user = strapi.contentType(UIDS.user) as unknown as { attributes: Record<string, unknown> };
  user.attributes.sessionVersion = {
    type: 'integer',
    default: 0,
    private: true,
    configurable: false,
    writable: false,
    visible: false,
  };

  const sessions = () => getService(strapi, 'sessions');

  // The auth strategy verifies every Bearer token through this service (jwt.getToken -> this.verify).
  strapi.get('services').extend('plugin::users-permissions.jwt', (jwt: Record<string, any>) => ({
    ...jwt,
    async verify(token: string) {
      const claims = (await jwt.verify(token)) as SessionClaims;
      if (!(await sessions().isCurrent(claims))) throw new Error('Invalid token.');
      return claims;
    },
  }));

  // users-permissions issues its tokens synchronously, so it cannot read the version: re-issue them.
  strapi.get('controllers').extend('plugin::users-permissions.auth', (auth: Record<string, Action>) => {
    const wrapped: Record<string, Action> = { ...auth };
    for (const name of ISSUING_ACTIONS) {
      const original = auth[name];
      wrapped[name] = async (ctx, ...rest) => {
        const result = await original.call(auth, ctx, ...rest);
        const body = ctx.body as { jwt?: unknown; user?: { id?: unknown } } | undefined;
        if (typeof body?.jwt === 'string' && typeof body.user?.id === 'number')
          body.jwt = await sessions().issue(body.user.id);
        return result;
      };
    }
    return wrapped;
  });
}

/** Whether a write to a user ends their sessions: a new password, or a block. */
const endsSessions = (data: Record<string, unknown> | undefined) =>
  Boolean(data) && ((typeof data!.password === 'string' && data!.password !== '') || data!.blocked === true);

/**
 * Bootstrap: a password change or reset and a block end the user's sessions whichever way they are
 * written (users-permissions routes, the admin panel's content manager, GraphQL, a script): every one
 * goes through the query engine, whose lifecycles run inside the write's transaction.
 */
export function endSessionsOnPasswordOrBlock(strapi: Core.Strapi): void {
  const sessions = () => getService(strapi, 'sessions');
  strapi.db.lifecycles.subscribe({
    models: [UIDS.user],
    async afterUpdate(event: Lifecycle) {
      const id = (event.result as { id?: unknown } | null)?.id;
      if (endsSessions(event.params.data) && typeof id === 'number') await sessions().endAll(id);
    },
    async beforeUpdateMany(event: Lifecycle) {
      if (!endsSessions(event.params.data)) return;
      const rows = await strapi.db
        .query(UIDS.user)
        .findMany({ where: event.params.where as never, select: ['id'] });
      event.state.sessionUserIds = rows.map((r: { id: number }) => r.id);
    },
    async afterUpdateMany(event: Lifecycle) {
      for (const id of (event.state.sessionUserIds as number[] | undefined) ?? [])
        await sessions().endAll(id);
    },
  } as never);
}
