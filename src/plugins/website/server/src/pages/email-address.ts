/**
 * Email addresses as the contract in CONTRACTS.md has them (issue-9 provides the parser, in
 * submissions/shared/email-address.ts). At merge this file becomes the one line
 * `export { parseEmailAddress, type ParsedEmail } from '../../../../submissions/shared/email-address';`
 * Until then, a strict stand-in with the same signature: one @, a plain local part, a dotted domain.
 */
export type ParsedEmail =
  | { ok: true; address: string; local: string; domain: string }
  | { ok: false; message: string };

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseEmailAddress(raw: unknown): ParsedEmail {
  if (typeof raw !== 'string' || !raw.trim()) return { ok: false, message: 'Enter an email address' };
  const value = raw.trim();
  if (value.length > 254) return { ok: false, message: 'Email address must be 254 characters or fewer' };
  const parts = value.split('@');
  if (parts.length !== 2) return { ok: false, message: 'Email address must have one @' };
  const [local, rawDomain] = parts;
  const domain = rawDomain.toLowerCase();
  if (!local || local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain))
    return { ok: false, message: 'Enter an email address in the correct format, like name@council.gov.uk' };
  return { ok: true, address: `${local}@${domain}`, local, domain };
}
