import { Writable } from 'stream';
import type { Core } from '@strapi/strapi';
import { winston } from '@strapi/logger';

/** Collects what Strapi's logger writes (after its format: one JSON text per line with LOG_FORMAT=json). */
export function captureLogs(strapi: Core.Strapi, level = 'http') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = strapi.log as unknown as winston.Logger;
  const transport = new winston.transports.Stream({ stream, level });
  const previousLevel = logger.level;
  logger.level = level;
  logger.add(transport);
  return {
    lines,
    stop() {
      logger.remove(transport);
      logger.level = previousLevel;
    },
  };
}

export interface LogEntry {
  level: string;
  message: string;
}

/**
 * What a test app logs, kept instead of printed: a test that causes an error on purpose claims it
 * (`claim`), so expected errors are asserted, not shown; anything nobody claimed is printed when the
 * app closes, so a real fault still shows. TEST_LOG_LEVEL=debug keeps Strapi's console output.
 */
export function keepLogs(strapi: Core.Strapi) {
  const entries: Array<LogEntry & { claimed: boolean }> = [];
  const logger = strapi.log as unknown as winston.Logger;
  if (process.env.TEST_LOG_LEVEL) return { claim: () => [] as LogEntry[], unclaimed: () => [] as LogEntry[] };
  const stream = new Writable({
    objectMode: true,
    write(info: { level: string; message: unknown; stack?: string }, _encoding, done) {
      const message = info.message instanceof Error ? info.message.message : String(info.message);
      entries.push({ level: info.level, message, claimed: false });
      done();
    },
  });
  logger.clear();
  logger.add(new winston.transports.Stream({ stream }));
  return {
    /** The entries whose message matches, marked as expected. */
    claim(pattern: RegExp): LogEntry[] {
      const found = entries.filter((e) => !e.claimed && pattern.test(e.message));
      for (const e of found) e.claimed = true;
      return found.map(({ level, message }) => ({ level, message }));
    },
    unclaimed: (): LogEntry[] =>
      entries
        .filter((e) => !e.claimed && ['error', 'warn'].includes(e.level))
        .map(({ level, message }) => ({ level, message })),
  };
}
