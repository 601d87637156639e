import type { Context } from 'koa';
import { parseEmailAddress } from './email-address';
import type { FieldError } from './render';

/** The posted form (strapi::body parses urlencoded bodies). */
export const formBody = (ctx: Context): Record<string, unknown> =>
  ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;

export const text = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : '';

export const fieldError = (id: string, message: string): FieldError => ({ href: `#${id}`, text: message });

/** Whether this is an email address, by the one parser every form uses. */
export const isEmail = (value: string) => parseEmailAddress(value).ok;
