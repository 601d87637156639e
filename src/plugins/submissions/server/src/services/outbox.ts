import type { Core } from '@strapi/strapi';
import { UIDS } from '../utils/get-service';

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  kind: string;
}

const CLAIM_MS = 60_000;
const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));

/**
 * Emails are written in the transaction of the state change that causes them, and sent after it
 * commits. Sending never blocks or undoes a state change; a failure is kept and retried with backoff.
 * Each send first claims its row with a conditional update, so several processes never send one twice.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Sends under way in this process, so that shutting down waits for them rather than cutting them off.
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<void>) => {
    const tracked: Promise<unknown> = work
      .catch((error: Error) => strapi.log.error(`submissions outbox: ${error.message}`))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  return {
    /** Sends these soon, without making the caller wait. */
    dispatch(ids: number[]): void {
      for (const id of ids) track(this.sendOne(id));
    },

    /** Sends what is due, in the background (the timer's call). */
    dispatchDue(): void {
      track(this.sendDue());
    },

    async drain(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },

    async enqueue(email: OutgoingEmail): Promise<number | null> {
      const to = [...new Set(email.to.filter(Boolean))];
      if (to.length === 0) return null;
      const row = await strapi.db.query(UIDS.outbox).create({
        data: {
          to: to.join(', '),
          subject: email.subject,
          text: email.text,
          kind: email.kind,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
        },
      });
      return row.id;
    },

    async claim(id: number): Promise<boolean> {
      const now = new Date();
      const { count } = await strapi.db.query(UIDS.outbox).updateMany({
        where: { id, status: 'pending', $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
        data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
      });
      return count === 1;
    },

    async sendOne(id: number): Promise<void> {
      if (!(await this.claim(id))) return;
      const message = await strapi.db.query(UIDS.outbox).findOne({ where: { id } });
      try {
        await strapi
          .plugin('email')
          .service('email')
          .send({ to: message.to, subject: message.subject, text: message.text });
        await strapi.db.query(UIDS.outbox).update({
          where: { id },
          data: { status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, claimedUntil: null },
        });
      } catch (error) {
        const attempts = message.attempts + 1;
        strapi.log.warn(
          `submissions: email ${id} (${message.kind}) failed, attempt ${attempts}: ${(error as Error).message}`
        );
        await strapi.db.query(UIDS.outbox).update({
          where: { id },
          data: {
            attempts,
            lastError: String((error as Error).message).slice(0, 2000),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
            claimedUntil: null,
          },
        });
      }
    },

    /** Sends what is due: called after each commit and by each process's timer. */
    async sendDue(limit = 20): Promise<void> {
      const due = await strapi.db.query(UIDS.outbox).findMany({
        where: { status: 'pending', nextAttemptAt: { $lte: new Date() } },
        select: ['id'],
        orderBy: { id: 'asc' },
        limit,
      });
      for (const { id } of due) await this.sendOne(id);
    },
  };
};
