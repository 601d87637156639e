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
