import type { Core } from '@strapi/strapi';

export interface DatabaseHealth {
  up: boolean;
  checkedAt: number;
  error?: string;
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });

/**
 * Whether this process can reach its database now: `select 1` through the pool, bounded in time.
 * `maxAgeMs` reuses a recent answer, so a burst of failing requests asks once, not once each.
 */
export function createDatabaseHealth(strapi: Core.Strapi) {
  let last: DatabaseHealth | null = null;
  let pending: Promise<DatabaseHealth> | null = null;

  const probe = async (timeoutMs: number): Promise<DatabaseHealth> => {
    try {
      await withTimeout(Promise.resolve(strapi.db.connection.raw('select 1')), timeoutMs);
      return { up: true, checkedAt: Date.now() };
    } catch (error) {
      return { up: false, checkedAt: Date.now(), error: (error as Error).message };
    }
  };

  return {
    async check(timeoutMs: number, maxAgeMs = 0): Promise<DatabaseHealth> {
      if (last && Date.now() - last.checkedAt <= maxAgeMs) return last;
      pending ??= probe(timeoutMs).finally(() => {
        pending = null;
      });
      last = await pending;
      return last;
    },
  };
}

export type DatabaseHealthCheck = ReturnType<typeof createDatabaseHealth>;
