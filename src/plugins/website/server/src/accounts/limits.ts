import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { RateLimiterPostgres, RateLimiterSQLite, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { websiteConfig } from '../config';

/** The table database/migrations/2026.11.27T04.00.00.rate-limits.js creates. */
const TABLE = 'site_rate_limits';

/**
 * Counters the accounts pages and /api/auth share, in the database: every process increments the
 * same row atomically (an upsert), so limits hold across a load balancer's processes. Keyed per
 * email-and-client and per client, never per email alone: an attacker elsewhere cannot use up a
 * named officer's attempts.
 */
export type LimitName =
  | 'signInFailuresByAccount'
  | 'signInFailuresByClient'
  | 'accountRequestsByAccount'
  | 'accountRequestsByClient'
  | 'authApiByClient';

/** The key of an email address and a client: hashed, so the table holds no addresses. */
export const accountKey = (email: string, client: string) =>
  `${crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}|${client}`;

export function createLimits(strapi: Core.Strapi) {
  const { limits } = websiteConfig(strapi);
  const hour = 60 * 60;
  const specs: Record<LimitName, { points: number; duration: number }> = {
    signInFailuresByAccount: { points: limits.signInFailuresPerAccount, duration: limits.signInWindowSeconds },
    signInFailuresByClient: { points: limits.signInFailuresPerClient, duration: limits.signInWindowSeconds },
    accountRequestsByAccount: { points: limits.accountRequestsPerAccount, duration: hour },
    accountRequestsByClient: { points: limits.accountRequestsPerClient, duration: hour },
    authApiByClient: { points: limits.authApiPerClient, duration: 60 },
  };
  const postgres = strapi.db.dialect.client === 'postgres';
  const Store = postgres ? RateLimiterPostgres : RateLimiterSQLite;
  const limiters = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      new Store({
        storeClient: strapi.db.connection,
        storeType: 'knex',
        tableName: TABLE,
        tableCreated: true,
        keyPrefix: name,
        // Expired rows are removed by a Strapi cron job (clearExpired below), which stops with Strapi.
        clearExpiredByTimeout: false,
        ...spec,
      } as never) as RateLimiterAbstract,
    ])
  ) as Record<LimitName, RateLimiterAbstract>;

  return {
    /** Whether this key has already used all its points (nothing is counted). */
    async spent(name: LimitName, key: string): Promise<boolean> {
      const res = await limiters[name].get(key);
      return res !== null && res.consumedPoints >= specs[name].points;
    },

    /** Counts one; false when that goes over the limit. Store failures are thrown, never taken as "allowed". */
    async take(name: LimitName, key: string): Promise<boolean> {
      try {
        await limiters[name].consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },

    /** Counts one on each; false if any goes over (all are counted, so probing one cannot dodge the other). */
    async takeAll(entries: [LimitName, string][]): Promise<boolean> {
      const results = await Promise.all(entries.map(([name, key]) => this.take(name, key)));
      return results.every(Boolean);
    },

    async forget(name: LimitName, key: string): Promise<void> {
      await limiters[name].delete(key);
    },

    /** Removes rows that expired over an hour ago (all limiters share the table: one DELETE). */
    async clearExpired(): Promise<void> {
      await (limiters.signInFailuresByAccount as unknown as { clearExpired(before: number): Promise<void> }).clearExpired(
        Date.now() - 60 * 60 * 1000
      );
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;
