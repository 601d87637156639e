import { formats, winston } from '@strapi/logger';
import type { Core } from '@strapi/strapi';
import { logFormat } from '../src/ops/log-format';
import { currentRequestId } from '../src/ops/request-context';

/** Adds the id of the request being served (if any) to every line logged while serving it. */
const withRequestId = winston.format((info) => {
  const requestId = currentRequestId();
  if (requestId) info.requestId = requestId;
  return info;
});

/**
 * LOG_FORMAT=json (the default in production): one JSON object a line, with time, level, message,
 * the request id and any fields a line carries (the access log's method, route, status, duration).
 * LOG_FORMAT=pretty (the default elsewhere): Strapi's readable lines.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const format = logFormat(env);
  return {
    level: env('LOG_LEVEL', 'http'),
    format:
      format === 'json'
        ? winston.format.combine(
            winston.format.errors({ stack: true }), // first: it rebuilds the line from an Error
            withRequestId(),
            winston.format.timestamp(),
            winston.format.json()
          )
        : formats.prettyPrint(),
    transports: [new winston.transports.Console()],
  };
};
