import fc from 'fast-check';
import {
  compoundFile,
  docx,
  HTML,
  JPEG,
  openDocument,
  PDF,
  PNG,
  PNG_THEN_HTML,
  SVG,
  TEXT,
} from '../helpers/office-files';
import { PASSWORD } from '../site/council-helpers';

/** Generators of hostile inputs for tests/security/fuzz.test.ts. */
const SPECIAL = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\u0007\u001b[31m',
  'a\ud800b',
  '\udfff',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE submissions_submissions; --",
  '%00',
  '%',
  '%E0%A4%A',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'true',
  'null',
  '-1',
  '1e309',
  '9'.repeat(40),
  'x'.repeat(5001),
  '\u202e\u2066',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 📚',
  '"x@bristol.gov.uk@x"@evil.com',
  'ann@bristol.gov.uk',
];
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 12,
    }),
  },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }
);
const key = fc.oneof(
  text,
  fc.constantFrom('$eq', '$or', '$and', '$not', '$containsi', '$in', '$null', '__proto__', 'populate', '*')
);
export const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 })
  ),
})).value;
/** A body with some of the route's own fields, hostile values, and stray keys. */
export const bodyWith = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(key, json, { maxKeys: 3 }))
        .map(([a, b]) => ({ ...b, ...a })),
    },
    { weight: 1, arbitrary: json }
  );
const ids = fc.array(fc.oneof(text, fc.integer()), { maxLength: 4 });
const answers = fc.dictionary(
  fc.oneof(fc.constantFrom('challenge', 'solution', 'impact', 'lessons', 'costs'), text),
  fc.oneof(text, json),
  { maxKeys: 4 }
);
export const draftFields = {
  title: fc.oneof(text, json),
  summary: fc.oneof(text, json),
  answers: fc.oneof(answers, json),
  topics: fc.oneof(ids, json),
  supportTypes: fc.oneof(ids, json),
  contact: fc.oneof(fc.record({ name: text, role: text, email: text }, { requiredKeys: [] }), json),
};
export const email = fc.oneof(
  fc.constantFrom(...SPECIAL),
  text,
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.constantFrom(
        'bristol.gov.uk',
        'calderdale.gov.uk',
        'evil.com',
        'BRISTOL.GOV.UK',
        '[127.0.0.1]',
        'bristol.gov.uk@evil.com'
      )
    )
    .map(([l, d]) => `${l}@${d}`)
);

/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) goes as its UTF-8 bytes. */
export const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};
/** A query string: known and unknown parameters, bracketed keys, operators, hostile values. */
const param = fc.oneof(
  fc.constantFrom(
    'populate',
    'filters',
    'sort',
    'pagination',
    'fields',
    'status',
    'locale',
    'q',
    'topics',
    'page',
    'pageSize',
    'from',
    'to',
    'region',
    'councils',
    'supportTypes'
  ),
  text
);
const segment = fc.oneof(
  fc.constantFrom(
    'relatedCaseStudies',
    'topics',
    'councils',
    'title',
    'slug',
    'summary',
    'populate',
    'filters',
    'on',
    '$eq',
    '$containsi',
    '$or',
    '$and',
    '$not',
    '$in',
    '$null',
    '$between',
    '0',
    '1',
    '*',
    'page',
    'pageSize',
    'limit',
    'start'
  ),
  text
);
const queryString = fc
  .array(
    fc.tuple(
      param,
      fc.array(segment, { maxLength: 12 }),
      fc.oneof(
        text,
        fc.constantFrom(
          '*',
          'true',
          'false',
          '-1',
          '100',
          '101',
          'title:asc',
          'relatedCaseStudies.relatedCaseStudies'
        )
      )
    ),
    { maxLength: 6 }
  )
  .map((parts) =>
    parts
      .map(([name, path, value]) => {
        const k = encode(name) + path.map((s) => `[${encode(s)}]`).join('');
        return `${k}=${encode(value)}`;
      })
      .join('&')
  );
export const rawQuery = fc.oneof(
  queryString,
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, ''))
);

const validFiles: [string, Buffer][] = [
  ['pdf', PDF],
  ['png', PNG],
  ['jpg', JPEG],
  ['txt', TEXT],
  ['docx', docx()],
  ['odt', openDocument('text')],
  ['doc', compoundFile(['WordDocument'])],
  ['html', HTML],
  ['svg', SVG],
  ['png', PNG_THEN_HTML],
];
export const upload = fc.record({
  content: fc.oneof(
    fc.constantFrom(...validFiles.map(([, b]) => b)),
    fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    text.map((t) => Buffer.from(t))
  ),
  filename: fc.oneof(
    fc.constantFrom(
      'report.pdf',
      'evil.js',
      'page.html',
      'logo.svg',
      'a.PNG',
      'x',
      '.htaccess',
      '../../x.txt',
      'nul\u0000.txt',
      'long'.repeat(80) + '.pdf'
    ),
    text.filter((t) => t.length > 0 && !/["\r\n\\]/.test(t))
  ),
  type: fc.oneof(
    fc.constantFrom(
      'text/plain',
      'text/html',
      'image/svg+xml',
      'image/png',
      'application/pdf',
      'application/octet-stream',
      'application/javascript'
    ),
    fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/)
  ),
  field: fc.constantFrom('file', 'file', 'file', 'files', 'other'),
});

export const rawJson = fc.oneof(
  json,
  fc.string({ maxLength: 30 }).map((s) => `RAW:${s}`)
);

export const formBody = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(text, text, { maxKeys: 2 }), fc.boolean());

const gqlField = fc.constantFrom(
  'title',
  'slug',
  'summary',
  'documentId',
  'publicationDate',
  'topics { name }',
  'councils { name region }',
  'relatedCaseStudies { title }',
  'nope',
  '__typename'
);
const gqlArgs = fc.record(
  {
    filters: fc.oneof(json, fc.constant({ title: { containsi: 'a' } })),
    pagination: fc.oneof(
      json,
      fc.record(
        { page: fc.integer(), pageSize: fc.integer(), limit: fc.integer(), start: fc.integer() },
        { requiredKeys: [] }
      )
    ),
    sort: fc.oneof(text, fc.array(text, { maxLength: 2 })),
    status: fc.constantFrom('DRAFT', 'PUBLISHED', 'x'),
  },
  { requiredKeys: [] }
);
export const graphql = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'caseStudies',
          'caseStudies_connection',
          'topics',
          'councils',
          'supportTypes',
          'caseStudy',
          'usersPermissionsUsers',
          'uploadFiles',
          'me'
        ),
        fc.array(gqlField, { minLength: 1, maxLength: 4 }),
        gqlArgs,
        fc.integer({ min: 0, max: 9 })
      )
      .map(([root, fields, args, depth]) => {
        const nested = Array.from({ length: depth }).reduce<string>(
          (inner) => `relatedCaseStudies { title ${inner} }`,
          ''
        );
        const argText = JSON.stringify(args).replace(/"([A-Za-z_]\w*)":/g, '$1:');
        const selection = root.endsWith('connection')
          ? 'nodes { title } pageInfo { total }'
          : fields.join(' ');
        const query = `{ ${root}${root === 'me' ? '' : `(${argText.slice(1, -1)})`} { ${selection} ${root === 'caseStudies' ? nested : ''} } }`;
        return { query, variables: { v: args } };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ query: text, variables: json, operationName: text }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: json }
);
