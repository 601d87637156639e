import type { Core } from '@strapi/strapi';
import { UIDS } from '../utils/get-service';

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  kind: string;
}

/** The name of the retry job on Strapi's cron service. */
export const OUTBOX_CRON_JOB = 'submissions-outbox';

const CLAIM_MS = 60_000;
const CLAIM_MARGIN_MS = 5_000;
const FINISH_RETRY_MS = 1_000;
const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Emails are written in the transaction of the state change that causes them, and sent after it
 * commits. Sending never blocks or undoes a state change; a failure is kept and retried with backoff.
 * Each send first claims its row with a conditional update, so several processes never send one twice.
 * On shutdown the process stops claiming, waits (bounded) for the sends under way, and releases any
 * claim it still holds, so another process can send those messages at once rather than a minute later.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Sends under way in this process, so that shutting down waits for them rather than cutting them off.
  const inFlight = new Set<Promise<unknown>>();
  // Claims this process holds (id → its claim's expiry, which identifies the claim), and those whose
  // message is being handed to the mail server now (never released: it may already be on its way).
  const claims = new Map<number, Date>();
  const handingOver = new Set<number>();
  const tally = { sent: 0, failed: 0 };
  let stopping = false;
  let sweeping = false;

  const track = (work: Promise<void>) => {
    const tracked: Promise<unknown> = work
      .catch((error: Error) => strapi.log.error(`submissions outbox: ${error.message}`))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  /**
   * Records a send's outcome. If the database is unreachable just then, it tries again while the claim
   * lasts: a sent message whose row stayed "pending" would go again once the claim ran out.
   */
  const finish = async (id: number, data: Record<string, unknown>) => {
    const until = claims.get(id)?.getTime() ?? Date.now();
    try {
      for (;;) {
        try {
          await strapi.db.query(UIDS.outbox).update({ where: { id }, data: { ...data, claimedUntil: null } });
          return;
        } catch (error) {
          if (Date.now() + FINISH_RETRY_MS >= until - CLAIM_MARGIN_MS) throw error;
          await sleep(FINISH_RETRY_MS);
        }
      }
    } finally {
      claims.delete(id);
    }
  };

  return {
    /** Sends these soon, without making the caller wait. */
    dispatch(ids: number[]): void {
      if (stopping) return; // left pending: another process's (or the next start's) sweep sends them
      for (const id of ids) track(this.sendOne(id));
    },

    /** Sends what is due, in the background (the cron job's call); one sweep at a time per process. */
    dispatchDue(): void {
      if (stopping || sweeping) return;
      sweeping = true;
      track(this.sendDue().finally(() => (sweeping = false)));
    },

    async drain(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },

    /** Stops sending, waits up to `waitMs` for sends under way, then releases the claims still held. */
    async shutdown(waitMs: number): Promise<{ released: number; stillSending: number }> {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.drain(), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      let released = 0;
      for (const [id, until] of claims) {
        if (handingOver.has(id)) continue;
        const { count } = await strapi.db.query(UIDS.outbox).updateMany({
          where: { id, status: 'pending', claimedUntil: until },
          data: { claimedUntil: null },
        });
        released += count;
        claims.delete(id);
      }
      if (released || handingOver.size)
        strapi.log.info(
          `submissions outbox: released ${released} claims; ${handingOver.size} sends still under way keep theirs`
        );
      return { released, stillSending: handingOver.size };
    },

    /** This process's tallies since it started (the metrics read them). */
    stats(): { sent: number; failed: number } {
      return { ...tally };
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
      if (stopping) return false;
      const now = new Date();
      const until = new Date(now.getTime() + CLAIM_MS);
      const { count } = await strapi.db.query(UIDS.outbox).updateMany({
        where: { id, status: 'pending', $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
        data: { claimedUntil: until },
      });
      if (count === 1) claims.set(id, until);
      return count === 1;
    },

    async sendOne(id: number): Promise<void> {
      if (!(await this.claim(id))) return;
      const message = await strapi.db.query(UIDS.outbox).findOne({ where: { id } });
      if (stopping) return; // not handed over yet: shutdown releases the claim
      handingOver.add(id);
      try {
        await strapi
          .plugin('email')
          .service('email')
          .send({ to: message.to, subject: message.subject, text: message.text });
        tally.sent += 1;
        await finish(id, { status: 'sent', sentAt: new Date(), attempts: message.attempts + 1 });
      } catch (error) {
        tally.failed += 1;
        const attempts = message.attempts + 1;
        strapi.log.warn(
          `submissions: email ${id} (${message.kind}) failed, attempt ${attempts}: ${(error as Error).message}`
        );
        await finish(id, {
          attempts,
          lastError: String((error as Error).message).slice(0, 2000),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
        });
      } finally {
        handingOver.delete(id);
      }
    },

    /** Sends what is due: called by the cron job and at start. */
    async sendDue(limit = 20): Promise<void> {
      const due = await strapi.db.query(UIDS.outbox).findMany({
        where: { status: 'pending', nextAttemptAt: { $lte: new Date() } },
        select: ['id'],
        orderBy: { id: 'asc' },
        limit,
      });
      for (const { id } of due) {
        if (stopping) return;
        await this.sendOne(id);
      }
    },
  };
};
