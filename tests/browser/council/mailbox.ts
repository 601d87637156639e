import type { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A real SMTP server on 127.0.0.1 that keeps the messages Strapi sends, for the links in them. */
export async function startMailbox() {
  const received: { to: string[]; subject: string; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
          received.push({ to, subject: mail.subject ?? '', text: `${mail.text ?? ''}\n${mail.html || ''}` });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EMAIL_FROM: 'case-studies@test.example' },
    /** The first link in the newest message to `to` whose subject matches (waits up to 15 s). */
    async link(to: string, subject: RegExp, path: RegExp): Promise<string> {
      for (
        const deadline = Date.now() + 15_000;
        Date.now() < deadline;
        await new Promise((r) => setTimeout(r, 100))
      ) {
        const mail = [...received].reverse().find((m) => m.to.includes(to) && subject.test(m.subject));
        const url = mail?.text.match(/https?:\/\/[^\s"<>]+/g)?.find((u) => path.test(u));
        if (url) return url.replace(/&amp;/g, '&');
      }
      throw new Error(`no email to ${to} matching ${subject}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
