import type { Core } from '@strapi/strapi';

/** The sessions contract (CONTRACTS.md): tokens the site keeps in its signed cookie. */
export interface Sessions {
  issue(userId: number): Promise<string>;
  /** null if bad, expired, blocked, or (with issue-9's service) of an old session version. */
  verify(token: string): Promise<{ id: number } | null>;
  /** Every token and cookie of this user stops working, in every process. */
  endAll(userId: number): Promise<void>;
}

/**
 * The one place the site gets its sessions. Issue-9 provides them as the submissions plugin's
 * `sessions` service; at merge this line becomes
 * `return strapi.plugin('submissions').service('sessions') as Sessions;` and interimSessions goes.
 */
export const sessions = (strapi: Core.Strapi): Sessions => interimSessions(strapi);

/** Until then: users-permissions' own JWTs (they cannot be ended early, so endAll does nothing). */
function interimSessions(strapi: Core.Strapi): Sessions {
  const jwt = () => strapi.plugin('users-permissions').service('jwt');
  return {
    async issue(userId) {
      return jwt().issue({ id: userId });
    },
    async verify(token) {
      try {
        const { id } = (await jwt().verify(token)) as { id?: unknown };
        if (typeof id !== 'number') return null;
        const user = await strapi.db
          .query('plugin::users-permissions.user')
          .findOne({ where: { id }, select: ['id', 'blocked', 'confirmed'] });
        return user && user.confirmed && !user.blocked ? { id: user.id } : null;
      } catch {
        return null;
      }
    },
    async endAll() {},
  };
}
