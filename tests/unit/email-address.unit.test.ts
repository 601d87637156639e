import { domainBelongsTo, parseEmailAddress } from '../../src/plugins/submissions/shared/email-address';

describe('parseEmailAddress accepts everyday addresses, normalised', () => {
  it.each([
    ['ann@bristol.gov.uk', 'ann@bristol.gov.uk', 'bristol.gov.uk'],
    ['Ann.Smith@Bristol.GOV.uk', 'ann.smith@bristol.gov.uk', 'bristol.gov.uk'],
    ['  ann@bristol.gov.uk\t', 'ann@bristol.gov.uk', 'bristol.gov.uk'],
    [
      "o'neill+cases@libraries.bristol.gov.uk",
      "o'neill+cases@libraries.bristol.gov.uk",
      'libraries.bristol.gov.uk',
    ],
    ['ann@bristol\u3002gov\u3002uk', 'ann@bristol.gov.uk', 'bristol.gov.uk'], // ideographic full stops (IDNA)
    ['ann@m\u00fcnchen.de', 'ann@xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['a_b-c=d@x-y.example', 'a_b-c=d@x-y.example', 'x-y.example'],
  ])('%j -> %s', (raw, address, domain) => {
    expect(parseEmailAddress(raw)).toEqual({ ok: true, address, domain, local: address.split('@')[0] });
  });
});

describe('parseEmailAddress refuses what a mail server may read differently', () => {
  it.each([
    ['"x@bristol.gov.uk@x"@evil.com', /exactly one @/],
    ['"x"@bristol.gov.uk', /quotation marks/],
    ['"x y"@evil.com', /spaces/],
    ['x(bristol.gov.uk)@evil.com', /brackets or comments/],
    ['x@evil.com(bristol.gov.uk)', /domain/],
    ['x@[127.0.0.1]', /IP address/],
    ['x@[IPv6:::1]', /IP address|exactly one/],
    ['x@127.0.0.1', /IP address/],
    ['x@0x7f.1', /IP address/],
    ['x@bristol%2egov.uk', /domain/],
    ['x@bristol.gov.uk@evil.com', /exactly one @/],
    ['x@@bristol.gov.uk', /exactly one @/],
    ['x\\@bristol.gov.uk@evil.com', /exactly one @/],
    ['x@bristol.gov.uk.', /domain/],
    ['x@bristol..gov.uk', /domain/],
    ['x@-bristol.gov.uk', /domain/],
    ['x@bristol_gov.uk', /domain/],
    ['x@localhost', /full domain/],
    ['x@xn--zz.com', /domain/],
    ['x y@bristol.gov.uk', /spaces/],
    ['x\u0000@bristol.gov.uk', /control/],
    ['x@bristol.gov.uk\u0000.evil.com', /control/],
    ['x\u2028@bristol.gov.uk', /control/],
    ['.x@bristol.gov.uk', /dot/],
    ['x.@bristol.gov.uk', /dot/],
    ['x..y@bristol.gov.uk', /dot/],
    ['j\u00f6@bristol.gov.uk', /English letters/],
    ['x<y>@bristol.gov.uk', /only letters/],
    ['x,y@bristol.gov.uk', /only letters/],
    ['@bristol.gov.uk', /before the @/],
    ['x@', /domain after the @/],
    ['bristol.gov.uk', /contain an @/],
    ['', /enter an email/],
    ['   ', /enter an email/],
    [`${'a'.repeat(65)}@bristol.gov.uk`, /64 characters/],
    [`a@${'b'.repeat(64)}.gov.uk`, /domain/],
    [`a@${'b.'.repeat(130)}uk`, /254 characters|253/],
  ])('%j: %s', (raw, message) => {
    const parsed = parseEmailAddress(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && parsed.message).toMatch(message);
  });

  it.each([null, undefined, 42, {}, ['a@b.uk']])('refuses %j as not text', (raw) => {
    expect(parseEmailAddress(raw)).toEqual({
      ok: false,
      message: 'must be an email address written as text',
    });
  });
});

describe('domainBelongsTo', () => {
  it.each([
    ['bristol.gov.uk', 'bristol.gov.uk', true],
    ['libraries.bristol.gov.uk', 'bristol.gov.uk', true],
    ['bristol.gov.uk', 'Bristol.GOV.uk ', true],
    ['notbristol.gov.uk', 'bristol.gov.uk', false],
    ['bristol.gov.uk.evil.com', 'bristol.gov.uk', false],
    ['evil.com', 'bristol.gov.uk', false],
    ['xn--mnchen-3ya.de', 'm\u00fcnchen.de', true],
  ])('%s in %j: %s', (domain, council, expected) => {
    expect(domainBelongsTo(domain, council)).toBe(expected);
  });
});
