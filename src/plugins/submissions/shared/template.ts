/** The case study template: the sections a council answers, and the fixed questions around them. */

export interface TemplateSection {
  /** Stable key of the answer, e.g. "challenge". Lower case letters, digits and dashes. */
  key: string;
  title: string;
  /** What to write, shown to the council officer above the answer box. */
  guidance: string;
  required: boolean;
  /** Most words the answer may have. */
  wordLimit: number;
}

export interface TemplateDefinition {
  version: number;
  sections: TemplateSection[];
}

/** Questions every template asks besides its sections, with their limits. */
export const FIXED_QUESTIONS = {
  title: {
    title: 'Title',
    guidance:
      'Start with your council\'s name, then what you did, e.g. "Calderdale Council: getting taxi drivers on board".',
    maxLength: 200,
  },
  summary: {
    title: 'Summary',
    guidance:
      'Two or three sentences that say what you did and what changed. This is the standfirst readers see in the listing.',
    maxLength: 600,
    wordLimit: 100,
  },
  topics: { title: 'Topics', guidance: 'Choose at least one topic the case study is about.' },
  supportTypes: { title: 'Support type', guidance: 'Choose the kinds of support behind the work, if any.' },
  contact: {
    title: 'Contact',
    guidance: 'Who readers can ask about this work. Name and email are required; the role helps.',
  },
} as const;

/** The longest any answer may be, whatever its word limit: a guard on storage, not a writing limit. */
export const ANSWER_MAX_CHARACTERS = 20_000;

export const DEFAULT_TEMPLATE_SECTIONS: TemplateSection[] = [
  {
    key: 'introduction',
    title: 'Introduction',
    guidance: 'Optional. Set the scene: the place, the people and why this mattered.',
    required: false,
    wordLimit: 300,
  },
  {
    key: 'challenge',
    title: 'The challenge',
    guidance: 'What problem were you trying to solve? Who did it affect, and how did you know?',
    required: true,
    wordLimit: 500,
  },
  {
    key: 'solution',
    title: 'The solution',
    guidance: 'What did you do? Who was involved, what did it cost, and how long did it take?',
    required: true,
    wordLimit: 700,
  },
  {
    key: 'impact',
    title: 'The impact',
    guidance: 'What changed? Give numbers where you can: savings, outcomes, people reached.',
    required: true,
    wordLimit: 500,
  },
  {
    key: 'sustained',
    title: 'How is the new approach being sustained?',
    guidance: 'How will the work carry on: funding, ownership, changes to how services run.',
    required: true,
    wordLimit: 300,
  },
  {
    key: 'lessons',
    title: 'Lessons learned',
    guidance: 'What would you tell another council trying this? What would you do differently?',
    required: true,
    wordLimit: 400,
  },
];

export function countWords(text: string | null | undefined): number {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

export interface AnswerProblem {
  /** The field: "title", "summary", "topics", "contact.name", "answers.challenge" ... */
  field: string;
  message: string;
}

export interface AnswersToCheck {
  title?: string | null;
  summary?: string | null;
  answers?: Record<string, string> | null;
  topics?: unknown[];
  contact?: { name?: string | null; role?: string | null; email?: string | null } | null;
}

/** What stops a submission going to review: required answers missing, or over their word limit. */
export function completenessProblems(template: TemplateDefinition, input: AnswersToCheck): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (!input.title?.trim()) problems.push({ field: 'title', message: 'Enter a title' });
  if (!input.summary?.trim()) problems.push({ field: 'summary', message: 'Enter a summary' });
  else if (countWords(input.summary) > FIXED_QUESTIONS.summary.wordLimit) {
    problems.push({
      field: 'summary',
      message: `Summary must be ${FIXED_QUESTIONS.summary.wordLimit} words or fewer`,
    });
  }
  if (!input.topics?.length) problems.push({ field: 'topics', message: 'Choose at least one topic' });
  if (!input.contact?.name?.trim()) problems.push({ field: 'contact.name', message: 'Enter a contact name' });
  if (!input.contact?.email?.trim())
    problems.push({ field: 'contact.email', message: 'Enter a contact email address' });
  for (const section of template.sections) {
    const answer = input.answers?.[section.key] ?? '';
    const words = countWords(answer);
    if (section.required && words === 0) {
      problems.push({ field: `answers.${section.key}`, message: `Answer "${section.title}"` });
    } else if (words > section.wordLimit) {
      problems.push({
        field: `answers.${section.key}`,
        message: `"${section.title}" must be ${section.wordLimit} words or fewer (it has ${words})`,
      });
    }
  }
  return problems;
}
