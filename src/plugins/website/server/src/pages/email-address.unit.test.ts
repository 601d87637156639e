import { parseEmailAddress } from './email-address';

describe('parseEmailAddress (the stand-in for the issue-9 contract)', () => {
  it.each(['name@bristol.gov.uk', 'First.Last+tag@Calderdale.GOV.UK'])('accepts %s, lower-casing the domain', (raw) => {
    const parsed = parseEmailAddress(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.domain).toBe(parsed.domain.toLowerCase());
  });

  it.each([
    '"x@bristol.gov.uk@x"@evil.com',
    'a@b@c.gov.uk',
    'no-at-sign',
    'name@[127.0.0.1]',
    'name (comment)@bristol.gov.uk',
    'name@localhost',
    '',
    `${'a'.repeat(250)}@x.uk`,
  ])('refuses %j with a message', (raw) => {
    const parsed = parseEmailAddress(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/email address/i);
  });
});
