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
 * `since` (a request's start) lets a burst of failing requests share one probe begun after they
 * started, and a recent "down" answer; an older "up" is never trusted, since the failure is newer.
 */
export function createDatabaseHealth(strapi: Core.Strapi) {
  let lastDown: DatabaseHealth | null = null;
  let pending: { startedAt: number; answer: Promise<DatabaseHealth> } | null = null;

  const probe = async (timeoutMs: number): Promise<DatabaseHealth> => {
    try {
      await withTimeout(Promise.resolve(strapi.db.connection.raw('select 1')), timeoutMs);
      return { up: true, checkedAt: Date.now() };
    } catch (error) {
      return { up: false, checkedAt: Date.now(), error: (error as Error).message };
    }
  };

  return {
    async check(
      timeoutMs: number,
      options: { since?: number; reuseDownMs?: number } = {}
    ): Promise<DatabaseHealth> {
      const since = options.since ?? Date.now();
      if (lastDown && options.reuseDownMs && lastDown.checkedAt >= since - options.reuseDownMs)
        return lastDown;
      if (!pending || pending.startedAt < since) {
        const current = { startedAt: Date.now(), answer: probe(timeoutMs) };
        pending = current;
        void current.answer.finally(() => {
          if (pending === current) pending = null;
        });
      }
      const answer = await pending.answer;
      if (!answer.up) lastDown = answer;
      return answer;
    },
  };
}

export type DatabaseHealthCheck = ReturnType<typeof createDatabaseHealth>;
