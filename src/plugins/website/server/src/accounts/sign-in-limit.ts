import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Failed sign-ins, counted in the database (Strapi's core store) so that every process behind a
 * load balancer sees the same counts: per email address, and per client IP address.
 */
const WINDOW_MS = 15 * 60 * 1000;
const limits = () => ({
  perAccount: Number(process.env.SITE_SIGNIN_MAX_FAILURES ?? 5),
  perAddress: Number(process.env.SITE_SIGNIN_MAX_FAILURES_PER_IP ?? 20),
});

interface Counter {
  count: number;
  resetAt: number;
}

const keyOf = (kind: string, value: string) =>
  `site-signin-${kind}-${crypto.createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 32)}`;

export function signInLimiter(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'submissions' });
  const read = async (key: string): Promise<Counter> => {
    const value = (await store.get({ key })) as Counter | null;
    return value && value.resetAt > Date.now() ? value : { count: 0, resetAt: Date.now() + WINDOW_MS };
  };
  const keys = (email: string, ip: string) => [
    { key: keyOf('account', email), max: limits().perAccount },
    { key: keyOf('ip', ip), max: limits().perAddress },
  ];

  return {
    async blocked(email: string, ip: string): Promise<boolean> {
      for (const { key, max } of keys(email, ip)) if ((await read(key)).count >= max) return true;
      return false;
    },
    async failed(email: string, ip: string): Promise<void> {
      for (const { key } of keys(email, ip)) {
        const counter = await read(key);
        await store.set({ key, value: { ...counter, count: counter.count + 1 } });
      }
    },
    async succeeded(email: string): Promise<void> {
      await store.delete({ key: keyOf('account', email) });
    },
  };
}
