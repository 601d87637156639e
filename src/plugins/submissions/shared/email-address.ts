import { domainToASCII } from 'node:url';

/**
 * The one parser of email addresses: sign-up, invitations, the council lookup, the site's forms and
 * the contact email all use it, and nothing splits an address on "@".
 *
 * It accepts only `dot-atom@hostname` (RFC 5322's everyday form): no quoted local parts, comments,
 * IP-literal domains or anything else a mail server may read differently from us. A council is
 * matched on the domain returned here, and the same normalised address is stored and emailed.
 */
export type ParsedEmail =
  | { ok: true; address: string; local: string; domain: string } // domain: lower-cased ASCII (IDNA)
  | { ok: false; message: string }; // message in plain words, names the problem

const MAX_ADDRESS = 254; // RFC 5321's limit on a forward path, less the angle brackets
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;

// atext of RFC 5322, in dot-atom form: no leading, trailing or doubled dots.
const ATOM = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
const DOT_ATOM = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const DOMAIN_CHARACTERS = /^[\p{L}\p{M}\p{N}.\-\u3002\uff0e\uff61]+$/u; // with the full stops IDNA maps to "."
// Whitespace and control characters, including Unicode's line and paragraph separators and BOM.
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/;

const fail = (message: string): ParsedEmail => ({ ok: false, message });

function problemWithLocal(local: string): string | undefined {
  if (!local) return 'needs a name before the @, like name@council.gov.uk';
  if (local.length > MAX_LOCAL) return `must have ${MAX_LOCAL} characters or fewer before the @`;
  if (local.includes('"')) return 'must not contain quotation marks';
  if (/[()]/.test(local)) return 'must not contain brackets or comments';
  if (/[^\x21-\x7e]/.test(local)) return 'must use only English letters, digits and . _ - + before the @';
  if (!DOT_ATOM.test(local))
    return local.startsWith('.') || local.endsWith('.') || local.includes('..')
      ? 'must not start or end with a dot, or have two dots together, before the @'
      : 'must use only letters, digits and . _ - + before the @';
  return undefined;
}

function normalisedDomain(raw: string): { domain: string } | { message: string } {
  if (!raw) return { message: 'needs a domain after the @, like name@council.gov.uk' };
  if (raw.startsWith('[')) return { message: 'must not use an IP address as its domain' };
  // Letters, digits, hyphens and dots only: the URL host parser would otherwise decode "%2e" and the like.
  if (!DOMAIN_CHARACTERS.test(raw))
    return { message: 'has a domain that is not a valid internet domain name' };
  const domain = domainToASCII(raw); // IDNA (UTS #46): lower-cases, maps full-width dots, punycodes
  if (!domain) return { message: 'has a domain that is not a valid internet domain name' };
  if (domain.length > MAX_DOMAIN)
    return { message: `must have a domain of ${MAX_DOMAIN} characters or fewer` };
  const labels = domain.split('.');
  if (labels.length < 2) return { message: 'needs a full domain after the @, like council.gov.uk' };
  if (labels.some((label) => label.length > MAX_LABEL || !LABEL.test(label)))
    return { message: 'has a domain that is not a valid internet domain name' };
  if (/^[0-9]+$/.test(labels[labels.length - 1]))
    return { message: 'must not use an IP address as its domain' };
  return { domain };
}

export function parseEmailAddress(raw: unknown): ParsedEmail {
  if (typeof raw !== 'string') return fail('must be an email address written as text');
  const text = raw.trim(); // forms pad what people paste; spaces inside still fail below
  if (!text) return fail('enter an email address, like name@council.gov.uk');
  if (text.length > MAX_ADDRESS) return fail(`must be ${MAX_ADDRESS} characters or fewer`);
  if (SPACE_OR_CONTROL.test(text)) return fail('must not contain spaces or control characters');
  const at = text.indexOf('@');
  if (at < 0) return fail('must contain an @, like name@council.gov.uk');
  if (text.indexOf('@', at + 1) >= 0) return fail('must contain exactly one @');
  const local = text.slice(0, at);
  const localProblem = problemWithLocal(local);
  if (localProblem) return fail(localProblem);
  const parsed = normalisedDomain(text.slice(at + 1));
  if ('message' in parsed) return fail(parsed.message);
  const address = `${local.toLowerCase()}@${parsed.domain}`;
  if (address.length > MAX_ADDRESS) return fail(`must be ${MAX_ADDRESS} characters or fewer`);
  return { ok: true, address, local: local.toLowerCase(), domain: parsed.domain };
}

/** Whether `domain` (as returned by parseEmailAddress) is `councilDomain` or one of its subdomains. */
export function domainBelongsTo(domain: string, councilDomain: string): boolean {
  const own = domainToASCII(councilDomain.trim());
  if (!own) return false;
  return domain === own || domain.endsWith(`.${own}`);
}
