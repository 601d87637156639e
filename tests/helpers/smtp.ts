import type { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `failNext(n)` makes the next n
 * deliveries fail with a 451, to test retries; `acceptDelayMs` makes each delivery take that long.
 */
export async function startSmtpServer(options: { acceptDelayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
            a.value.map((v) => v.address ?? '')
          );
          const accept = () => {
            received.push({
              to,
              from: mail.from?.text ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? String(mail.html ?? ''),
            });
            callback();
          };
          // A slow mail server keeps sends under way for a while (shutdown tests).
          if (options.acceptDelayMs) setTimeout(accept, options.acceptDelayMs);
          else accept();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EMAIL_FROM: 'case-studies@test.example' },
    received,
    failNext(count: number) {
      failures = count;
    },
    /** Waits (bounded) for a message to an address whose subject matches. */
    async waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((m) => m.to.includes(to) && subject.test(m.subject));
        if (mail) return mail;
        if (Date.now() > deadline) {
          throw new Error(
            `No email to ${to} matching ${subject} within ${timeoutMs} ms; got: ${received.map((m) => `${m.to} "${m.subject}"`).join('; ')}`
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** The first link matching `path` in the newest message to `to` whose subject matches (waits, bounded). */
    async link(to: string, subject: RegExp, path: RegExp, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = [...received].reverse().find((m) => m.to.includes(to) && subject.test(m.subject));
        const url = mail?.text.match(/https?:\/\/[^\s"<>]+/g)?.find((u) => path.test(u));
        if (url) return url.replace(/&amp;/g, '&');
        if (Date.now() > deadline)
          throw new Error(`No email to ${to} matching ${subject} with a link to ${path}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
