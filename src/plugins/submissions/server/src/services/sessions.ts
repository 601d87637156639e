import type { Core } from '@strapi/strapi';
import { UIDS } from '../utils/get-service';

/** What a users-permissions token carries: the user, and the session version it was issued under. */
export interface SessionClaims {
  id?: unknown;
  sv?: unknown;
}

interface SessionRow {
  id: number;
  sessionVersion: number | null;
  blocked: boolean | null;
}

/**
 * Council sessions end when they should: every users-permissions token carries the user's session
 * version, kept in the database, so signing out, a password change or reset, or a block (which bump
 * it) ends every token and site cookie of that user at once, in every process.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const jwt = () => strapi.plugin('users-permissions').service('jwt');
  const row = (id: number): Promise<SessionRow | null> =>
    strapi.db.query(UIDS.user).findOne({ where: { id }, select: ['id', 'sessionVersion', 'blocked'] });
  const userId = (claims: SessionClaims) =>
    typeof claims.id === 'number' && Number.isSafeInteger(claims.id) ? claims.id : undefined;

  return {
    /** A users-permissions JWT carrying the user's current session version. */
    async issue(id: number): Promise<string> {
      const user = await row(id);
      if (!user) throw new Error(`sessions.issue: no user ${id}`);
      return jwt().issue({ id: user.id, sv: user.sessionVersion ?? 0 });
    },

    /** The token's user, or null if it is bad, expired, blocked, or its version is old. */
    async verify(token: string): Promise<{ id: number } | null> {
      try {
        // The users-permissions verify is wrapped (sessions/wire-users-permissions.ts) to call isCurrent.
        const claims = (await jwt().verify(token)) as SessionClaims;
        const id = userId(claims);
        if (id === undefined) return null;
        const user = await row(id);
        return user && !user.blocked ? { id } : null;
      } catch {
        return null;
      }
    },

    /** Whether a verified token's claims are of the user's current session version. */
    async isCurrent(claims: SessionClaims): Promise<boolean> {
      const id = userId(claims);
      if (id === undefined || typeof claims.sv !== 'number') return false; // tokens from before versions count as old
      const user = await row(id);
      return Boolean(user) && (user!.sessionVersion ?? 0) === claims.sv;
    },

    /** Every token and cookie of this user stops working, in every process. */
    async endAll(id: number): Promise<void> {
      const { tableName, attributes } = strapi.db.metadata.get(UIDS.user);
      const column = (attributes.sessionVersion as { columnName?: string }).columnName ?? 'session_version';
      // An atomic increment (in the caller's transaction, if any): two concurrent ends both count.
      await strapi.db.transaction(({ trx }) =>
        strapi.db
          .getConnection(tableName)
          .transacting(trx)
          .where('id', id)
          .update({ [column]: strapi.db.connection.raw('COALESCE(??, 0) + 1', [column]) })
      );
    },
  };
};
