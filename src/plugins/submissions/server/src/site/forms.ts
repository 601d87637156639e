import type { Context } from 'koa';
import { parseEmailAddress } from '../../../shared/email-address';
import type { FieldError } from './render';

/** The posted form (strapi::body parses urlencoded bodies). */
export const formBody = (ctx: Context): Record<string, unknown> =>
  ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;

export const text = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : '';

export const fieldError = (id: string, message: string): FieldError => ({ href: `#${id}`, text: message });

/** Through the one email parser (shared/email-address), like every address the server accepts. */
export const isEmail = (value: string) => parseEmailAddress(value).ok;

/** The address as the server stores it (lower-cased, IDNA domain); the typed text if it does not parse. */
export const normalisedEmail = (value: string) => {
  const parsed = parseEmailAddress(value);
  return parsed.ok ? parsed.address : value;
};
