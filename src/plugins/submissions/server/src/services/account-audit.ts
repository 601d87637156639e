import type { Core } from '@strapi/strapi';
import { parseEmailAddress } from '../../../shared/email-address';
import { getService, UIDS } from '../utils/get-service';
import { councilOfDomain } from './accounts';

/** A council account whose address does not belong to its council. */
export interface MismatchedAccount {
  id: number;
  email: string;
  council: string;
  blocked: boolean;
  problem: string;
}

interface UserRow {
  id: number;
  email: string | null;
  blocked: boolean | null;
  council: { id: number; name: string } | null;
}

/**
 * Accounts made before the email parser (e.g. through a quoted local part, issue 9) may belong to a
 * council whose domain is not their address's real one: find them, and block them at every boot.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findMismatched(): Promise<MismatchedAccount[]> {
    const users: UserRow[] = await strapi.db.query(UIDS.user).findMany({
      select: ['id', 'email', 'blocked'],
      populate: { council: { select: ['id', 'name'] } },
      orderBy: { id: 'asc' },
    });
    const councils = await getService(strapi, 'accounts').councils();
    const found: MismatchedAccount[] = [];
    for (const user of users) {
      if (!user.council) continue; // not a council account: it can reach no council's submissions
      const parsed = parseEmailAddress(user.email);
      const council = parsed.ok ? councilOfDomain(parsed.domain, councils) : null;
      const problem = !parsed.ok
        ? `the address is not one we accept now: it ${parsed.message}`
        : council?.id !== user.council.id
          ? `its real domain "${parsed.domain}" is ${council ? `${council.name}'s` : 'no council’s'}, not ${user.council.name}'s`
          : undefined;
      if (problem)
        found.push({
          id: user.id,
          email: user.email ?? '',
          council: user.council.name,
          blocked: Boolean(user.blocked),
          problem,
        });
    }
    return found;
  },

  /** Blocks (and so signs out everywhere) every mismatched account not blocked yet; returns those it blocked. */
  async blockMismatched(): Promise<MismatchedAccount[]> {
    const newlyBlocked = (await this.findMismatched()).filter((a) => !a.blocked);
    for (const account of newlyBlocked) {
      await strapi.plugin('users-permissions').service('user').edit(account.id, { blocked: true });
      account.blocked = true;
    }
    return newlyBlocked;
  },
});
