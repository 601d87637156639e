/**
 * Reviewers' comments on answers. Every question of the form can carry one: the fixed questions by
 * their own key, each template section as `answers.<section key>` (the same path the API's field
 * errors use), so a form shows each comment beside its answer. Read by the server, the admin and the form.
 */
import { FIXED_QUESTIONS, type TemplateSection } from './template';

/** The questions every template asks besides its sections, in form order, with their titles. */
export const FIXED_COMMENT_KEYS = [
  'title',
  'summary',
  'topics',
  'supportTypes',
  'contact',
  'attachments',
] as const;
export type FixedCommentKey = (typeof FIXED_COMMENT_KEYS)[number];

/** Comments by question key: `title`, `summary`, `topics`, `supportTypes`, `contact`, `attachments`, `answers.<key>`. */
export type Comments = Record<string, string>;

export const ATTACHMENTS_QUESTION = { title: 'Images and documents' } as const;

const FIXED_TITLES: Record<FixedCommentKey, string> = {
  title: FIXED_QUESTIONS.title.title,
  summary: FIXED_QUESTIONS.summary.title,
  topics: FIXED_QUESTIONS.topics.title,
  supportTypes: FIXED_QUESTIONS.supportTypes.title,
  contact: FIXED_QUESTIONS.contact.title,
  attachments: ATTACHMENTS_QUESTION.title,
};

export const sectionCommentKey = (sectionKey: string) => `answers.${sectionKey}`;

/** The keys a comment may have on a submission of this template, in the order the form asks them. */
export function commentKeys(sections: readonly TemplateSection[]): string[] {
  return [
    'title',
    'summary',
    'topics',
    'supportTypes',
    ...sections.map((s) => sectionCommentKey(s.key)),
    'contact',
    'attachments',
  ];
}

/** A question's title for emails and history ("Summary", "The impact"); the key itself if unknown. */
export function questionTitle(key: string, sections: readonly TemplateSection[]): string {
  if (key in FIXED_TITLES) return FIXED_TITLES[key as FixedCommentKey];
  const section = key.startsWith('answers.')
    ? sections.find((s) => sectionCommentKey(s.key) === key)
    : undefined;
  return section?.title ?? key;
}

/** Comments in form order, with their question titles. */
export function commentsInOrder(
  comments: Comments,
  sections: readonly TemplateSection[]
): Array<{ key: string; title: string; comment: string }> {
  const order = commentKeys(sections);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(comments)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, comment]) => ({ key, title: questionTitle(key, sections), comment }));
}

/** Comments stored before every answer could have one (by bare section key), in today's keys. */
export function commentsFromSectionComments(
  sectionComments: Record<string, string> | null | undefined
): Comments {
  return Object.fromEntries(
    Object.entries(sectionComments ?? {}).map(([key, comment]) => [sectionCommentKey(key), comment])
  );
}

/** The section comments alone, by bare section key: the older shape some clients still read. */
export function sectionCommentsOf(comments: Comments): Record<string, string> {
  return Object.fromEntries(
    Object.entries(comments)
      .filter(([key]) => key.startsWith('answers.'))
      .map(([key, comment]) => [key.slice('answers.'.length), comment])
  );
}
