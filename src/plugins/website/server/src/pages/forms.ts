import type { Context } from 'koa';
import { parseEmailAddress } from '../../../../submissions/shared/email-address';
import type { FieldError } from './render';

/** The posted form (strapi::body parses urlencoded bodies). */
export const formBody = (ctx: Context): Record<string, unknown> =>
  ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;

export const text = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : '';

export const fieldError = (id: string, message: string): FieldError => ({ href: `#${id}`, text: message });

/** Through the one email parser (shared/email-address), like every address the server accepts. */
export const isEmail = (value: string) => parseEmailAddress(value).ok;
