import { z } from 'zod';
import { ATTACHMENT_ID } from '../../../shared/attachments';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../../../shared/control-characters';
import { parseEmailAddress } from '../../../shared/email-address';
import { ANSWER_MAX_CHARACTERS, FIXED_QUESTIONS, type TemplateSection } from '../../../shared/template';
import type { ActionBody, DraftBody } from '../../../shared/contracts';
import { fieldErrors } from '../errors';

// Markup has no place in a case study's text: refuse it rather than store something a page might render.
const HTML_TAG = /<\s*\/?\s*[a-z!?][^>]*>|javascript:/i;

const plainText = (max: number) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .max(max, `must be ${max} characters or fewer`)
    // Checked here too, not only by the HTTP middleware: the website calls this API in-process.
    .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTER_MESSAGE)
    .refine((value) => !HTML_TAG.test(value), 'must be plain text, without HTML tags');

/** An email address through the one parser; the value kept is its normalised form. */
const emailAddress = (options: { optional?: boolean } = {}) =>
  z
    .string({ invalid_type_error: 'must be an email address, like name@council.gov.uk' })
    .transform((raw, ctx) => {
      if (options.optional && raw === '') return '';
      const parsed = parseEmailAddress(raw);
      if (parsed.ok) return parsed.address;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    });

const documentIds = z
  .array(z.string().regex(/^[a-z0-9]{1,64}$/, 'must be a list of ids'), {
    invalid_type_error: 'must be a list of ids',
  })
  .max(20, 'choose 20 or fewer');

const contact = z
  .object(
    {
      name: plainText(120).nullable().optional(),
      role: plainText(160).nullable().optional(),
      email: emailAddress({ optional: true }).nullable().optional(),
    },
    { invalid_type_error: 'must be an object with name, role and email' }
  )
  .strict();

const attachmentId = z
  .string({ invalid_type_error: 'must be an attachment id' })
  .regex(ATTACHMENT_ID, 'must be an attachment id');

/** What a council may write on a draft. Anything else (state, author, version, case study ...) is refused. */
function draftFields(sections: TemplateSection[]) {
  const keys = new Set(sections.map((s) => s.key));
  return {
    title: plainText(FIXED_QUESTIONS.title.maxLength).nullable().optional(),
    summary: plainText(FIXED_QUESTIONS.summary.maxLength).nullable().optional(),
    answers: z
      .record(z.string(), plainText(ANSWER_MAX_CHARACTERS).nullable(), {
        invalid_type_error: 'must be an object of answers by section',
      })
      .superRefine((answers, ctx) => {
        for (const key of Object.keys(answers)) {
          if (!keys.has(key))
            ctx.addIssue({ code: 'custom', path: [key], message: 'is not a section of this template' });
        }
      })
      .optional(),
    topics: documentIds.optional(),
    supportTypes: documentIds.optional(),
    contact: contact.nullable().optional(),
    coverAttachment: attachmentId.nullable().optional(),
  };
}

export type DraftInput = DraftBody;

const version = z
  .number({
    required_error: 'is required: send the version you loaded',
    invalid_type_error: 'must be a whole number',
  })
  .int()
  .positive();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw fieldErrors(
    result.error.issues.map((issue) => {
      const field = issue.path.join('.') || unknownKeyField(issue) || 'body';
      const message = issue.code === 'unrecognized_keys' ? 'is not a field you can set' : issue.message;
      return { field, message };
    })
  );
}

function unknownKeyField(issue: z.ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
}

export function parseCreate(body: unknown, sections: TemplateSection[]): DraftInput {
  return parse(
    z.object(draftFields(sections), { invalid_type_error: 'must be a JSON object' }).strict(),
    body
  ) as DraftInput;
}

export function parseUpdate(body: unknown, sections: TemplateSection[]): DraftInput & { version: number } {
  return parse(z.object({ ...draftFields(sections), version }).strict(), body) as DraftInput & {
    version: number;
  };
}

export type ActionInput = ActionBody;

export function parseAction(body: unknown): ActionInput {
  return parse(
    z
      .object({
        version,
        message: plainText(5000).optional(),
        comments: z
          .record(z.string().max(80), plainText(5000), {
            invalid_type_error: 'must be an object of comments by question',
          })
          .optional(),
        sectionComments: z
          .record(z.string().max(64), plainText(5000), {
            invalid_type_error: 'must be an object of comments by section',
          })
          .optional(),
      })
      .strict(),
    body
  );
}

const templateSection = z
  .object({
    key: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,39}$/,
        'must be lower-case letters, digits and dashes, starting with a letter'
      ),
    title: plainText(160).refine((v) => v.trim().length > 0, 'is required'),
    guidance: plainText(2000),
    required: z.boolean({ invalid_type_error: 'must be true or false' }),
    wordLimit: z
      .number({ invalid_type_error: 'must be a number' })
      .int()
      .min(10, 'must be at least 10')
      .max(5000, 'must be 5000 or fewer'),
  })
  .strict();

export function parseTemplate(body: unknown): { sections: TemplateSection[] } {
  return parse(
    z
      .object({
        sections: z
          .array(templateSection)
          .min(1, 'needs at least one section')
          .max(30, 'may have at most 30 sections')
          .refine(
            (list) => new Set(list.map((s) => s.key)).size === list.length,
            'section keys must be unique'
          ),
      })
      .strict(),
    body
  );
}

export function parseCover(body: unknown): { version: number; coverAttachment: string | null } {
  return parse(z.object({ version, coverAttachment: attachmentId.nullable() }).strict(), body);
}

/** The optional `version` field of a multipart upload (form fields arrive as text). */
export function parseUploadVersion(body: unknown): number | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.version;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw fieldErrors([{ field: 'version', message: 'must be a whole number' }]);
  return value;
}

export function parseSettings(body: unknown): { singlePersonPublishing: boolean; reviewerEmails: string[] } {
  return parse(
    z
      .object({
        singlePersonPublishing: z.boolean({ invalid_type_error: 'must be true or false' }),
        reviewerEmails: z.array(emailAddress()).max(50),
      })
      .strict(),
    body
  );
}

export function parseInvite(body: unknown): { email: string; firstName?: string } {
  return parse(
    z
      .object({
        email: emailAddress(),
        firstName: plainText(80).optional(),
      })
      .strict(),
    body
  );
}
