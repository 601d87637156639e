import {
  ANSWER_MAX_CHARACTERS,
  countWords,
  FIXED_QUESTIONS,
  type TemplateSection,
} from '../../../../submissions/shared/template';
import type { SubmissionView } from '../../../../submissions/shared/contracts';
import { ATTACHMENTS_QUESTION, sectionCommentKey } from '../../../../submissions/shared/comments';
import { isEmail } from '../pages/forms';


/** One field of a question page. Its id is its name, so error-summary links always hit it. */
export interface StepField {
  name: string;
  label: string;
  kind: 'input' | 'email' | 'textarea' | 'checkboxes';
  hint?: string;
  /** Checked on "Save and continue": the GOV.UK error naming the field when it is left blank. */
  required?: string;
  wordLimit?: number;
  maxLength?: number;
  options?: { value: string; text: string }[];
  /** Where the council API keeps it: "title", "contact.email", "answers.challenge". */
  apiPath: string;
}

/** A question page: generated from the template, listed on the task list and check your answers. */
export interface Step {
  slug: string;
  title: string;
  guidance: string;
  group: 'about' | 'sections' | 'contact' | 'files';
  /** Where reviewers' comments on it are kept (shared/comments.ts): "title", "answers.challenge". */
  commentKey: string;
  required: boolean;
  fields: StepField[];
}

export interface Vocabulary {
  topics: { value: string; text: string }[];
  supportTypes: { value: string; text: string }[];
}

export type Values = Record<string, string | string[]>;

/** `attachmentLimits`: the server's limits in words, the "Images and documents" step's guidance. */
export function buildSteps(sections: TemplateSection[], vocabulary: Vocabulary, attachmentLimits = ''): Step[] {
  const q = FIXED_QUESTIONS;
  return [
    {
      slug: 'title',
      title: q.title.title,
      guidance: q.title.guidance,
      group: 'about',
      commentKey: 'title',
      required: true,
      fields: [
        {
          name: 'title',
          label: q.title.title,
          required: 'Enter a title',
          kind: 'input',
          maxLength: q.title.maxLength,
          apiPath: 'title',
        },
      ],
    },
    {
      slug: 'summary',
      title: q.summary.title,
      guidance: q.summary.guidance,
      group: 'about',
      commentKey: 'summary',
      required: true,
      fields: [
        {
          name: 'summary',
          label: q.summary.title,
          required: 'Enter a summary',
          kind: 'textarea',
          wordLimit: q.summary.wordLimit,
          maxLength: q.summary.maxLength,
          apiPath: 'summary',
        },
      ],
    },
    {
      slug: 'topics',
      title: q.topics.title,
      guidance: q.topics.guidance,
      group: 'about',
      commentKey: 'topics',
      required: true,
      fields: [
        {
          name: 'topics',
          label: q.topics.title,
          required: 'Select at least one topic',
          kind: 'checkboxes',
          options: vocabulary.topics,
          apiPath: 'topics',
        },
      ],
    },
    {
      slug: 'support-types',
      title: q.supportTypes.title,
      guidance: q.supportTypes.guidance,
      group: 'about',
      commentKey: 'supportTypes',
      required: false,
      fields: [
        {
          name: 'supportTypes',
          label: q.supportTypes.title,
          kind: 'checkboxes',
          options: vocabulary.supportTypes,
          apiPath: 'supportTypes',
        },
      ],
    },
    ...sections.map(
      (s): Step => ({
        slug: s.key,
        title: s.title,
        guidance: s.guidance,
        group: 'sections',
        commentKey: sectionCommentKey(s.key),
        required: s.required,
        fields: [
          {
            name: 'answer',
            label: s.title,
            required: s.required ? `Enter your answer to "${s.title}"` : undefined,
            kind: 'textarea',
            wordLimit: s.wordLimit,
            maxLength: ANSWER_MAX_CHARACTERS,
            apiPath: `answers.${s.key}`,
          },
        ],
      })
    ),
    {
      slug: 'contact',
      title: q.contact.title,
      guidance: q.contact.guidance,
      group: 'contact',
      commentKey: 'contact',
      required: true,
      fields: [
        {
          name: 'name',
          label: 'Full name',
          required: 'Enter the contact\'s full name',
          kind: 'input',
          maxLength: 120,
          apiPath: 'contact.name',
        },
        {
          name: 'role',
          label: 'Job title (optional)',
          kind: 'input',
          maxLength: 160,
          apiPath: 'contact.role',
        },
        {
          name: 'email',
          label: 'Email address',
          required: 'Enter the contact\'s email address',
          kind: 'email',
          maxLength: 254,
          apiPath: 'contact.email',
        },
      ],
    },
    // Its own pages (attachment-pages.ts): listed on the task list and check your answers like the rest.
    {
      slug: 'attachments',
      title: ATTACHMENTS_QUESTION.title,
      guidance: attachmentLimits,
      group: 'files',
      commentKey: 'attachments',
      required: false,
      fields: [],
    },
  ];
}

/** The step a field of the API (or of completenessProblems) belongs to, and the field's id on that page. */
export function locate(steps: Step[], apiPath: string): { step: Step; field: StepField } | undefined {
  for (const step of steps) {
    const field = step.fields.find((f) => f.apiPath === apiPath || apiPath.startsWith(`${f.apiPath}.`));
    if (field) return { step, field };
  }
  return undefined;
}

const get = (view: SubmissionView, apiPath: string): string | string[] => {
  const [head, key] = apiPath.split('.');
  if (head === 'topics' || head === 'supportTypes') return view[head].map((t) => t.id);
  if (head === 'answers') return view.answers?.[key] ?? '';
  if (head === 'contact') return (view.contact as Record<string, string | null> | null)?.[key] ?? '';
  return (view as unknown as Record<string, string | null>)[head] ?? '';
};

export const currentValues = (step: Step, view: SubmissionView): Values =>
  Object.fromEntries(step.fields.map((f) => [f.name, get(view, f.apiPath)]));

/** The posted form, trimmed to this step's fields. */
export function postedValues(step: Step, body: Record<string, unknown>): Values {
  return Object.fromEntries(
    step.fields.map((f) => {
      const raw = body[f.name];
      if (f.kind === 'checkboxes') return [f.name, (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String)];
      return [f.name, typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : ''];
    })
  );
}

/** Problems an answer has on its own page: a required one left blank, too long, not an email. */
export function stepErrors(step: Step, values: Values): { field: StepField; message: string }[] {
  const problems: { field: StepField; message: string }[] = [];
  for (const field of step.fields) {
    const value = values[field.name];
    if (field.required && !(Array.isArray(value) ? value.length : String(value ?? '').trim())) {
      problems.push({ field, message: field.required });
      continue;
    }
    if (typeof value !== 'string') continue;
    const words = countWords(value);
    if (field.wordLimit && words > field.wordLimit)
      problems.push({
        field,
        message: `${field.label} must be ${field.wordLimit} words or fewer (it has ${words})`,
      });
    else if (field.maxLength && value.length > field.maxLength)
      problems.push({ field, message: `${field.label} must be ${field.maxLength} characters or fewer` });
    else if (field.kind === 'email' && value && !isEmail(value))
      problems.push({
        field,
        message: 'Enter an email address in the correct format, like name@council.gov.uk',
      });
  }
  return problems;
}

/** The council API body that saves this step's values. */
export function toApiBody(step: Step, values: Values): Record<string, unknown> {
  const body: Record<string, any> = {};
  for (const field of step.fields) {
    const [head, key] = field.apiPath.split('.');
    const value = values[field.name];
    if (key) body[head] = { ...(body[head] ?? {}), [key]: value === '' ? null : value };
    else body[head] = value === '' ? null : value;
  }
  return body;
}

/** What check your answers and the task list show for a step. */
export function answerText(step: Step, view: SubmissionView): string {
  if (step.slug === 'attachments') return (view.attachments ?? []).map((a) => a.name).join('\n');
  return step.fields
    .map((f) => {
      const value = get(view, f.apiPath);
      if (Array.isArray(value))
        return (f.apiPath === 'topics' ? view.topics : view.supportTypes).map((t) => t.name).join(', ');
      return value;
    })
    .filter(Boolean)
    .join('\n');
}
