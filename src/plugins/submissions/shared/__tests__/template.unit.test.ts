import {
  completenessProblems,
  countWords,
  DEFAULT_TEMPLATE_SECTIONS,
  FIXED_QUESTIONS,
  type AnswersToCheck,
  type TemplateDefinition,
} from '../template';

const template: TemplateDefinition = { version: 1, sections: DEFAULT_TEMPLATE_SECTIONS };
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const complete: AnswersToCheck = {
  title: 'Calderdale Council: getting taxi drivers on board',
  summary: 'Taxi drivers learned to spot the signs of exploitation.',
  topics: ['t1'],
  contact: { name: 'Jo Bloggs', email: 'jo@calderdale.gov.uk' },
  answers: {
    challenge: 'a',
    solution: 'b',
    impact: 'c',
    sustained: 'd',
    lessons: 'e',
  },
};

const fields = (input: AnswersToCheck) => completenessProblems(template, input).map((p) => p.field);

describe('countWords', () => {
  it.each([
    [undefined, 0],
    [null, 0],
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['  two   words  ', 2],
    ['line one\nline two\n\nparagraph two', 6],
    ['café, naïve — résumé', 4],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text as string | null | undefined)).toBe(expected);
  });
});

describe('completenessProblems', () => {
  it('finds nothing wrong with complete answers', () => {
    expect(completenessProblems(template, complete)).toEqual([]);
  });

  it('names every missing required answer, in form order, and not the optional introduction', () => {
    expect(fields({})).toEqual([
      'title',
      'summary',
      'topics',
      'contact.name',
      'contact.email',
      'answers.challenge',
      'answers.solution',
      'answers.impact',
      'answers.sustained',
      'answers.lessons',
    ]);
  });

  it('treats whitespace as no answer', () => {
    const blank = { ...complete, title: '   ', answers: { ...complete.answers, impact: ' \n ' } };
    expect(fields(blank)).toEqual(['title', 'answers.impact']);
  });

  it('accepts a summary of exactly the word limit and refuses one word more', () => {
    const limit = FIXED_QUESTIONS.summary.wordLimit;
    expect(fields({ ...complete, summary: words(limit) })).toEqual([]);
    const over = completenessProblems(template, { ...complete, summary: words(limit + 1) });
    expect(over).toEqual([{ field: 'summary', message: `Summary must be ${limit} words or fewer` }]);
  });

  it('holds each section to its own word limit, saying how many words it has', () => {
    const solution = DEFAULT_TEMPLATE_SECTIONS.find((s) => s.key === 'solution')!;
    const input = { ...complete, answers: { ...complete.answers, solution: words(solution.wordLimit + 3) } };
    expect(completenessProblems(template, input)).toEqual([
      {
        field: 'answers.solution',
        message: `"${solution.title}" must be ${solution.wordLimit} words or fewer (it has ${solution.wordLimit + 3})`,
      },
    ]);
  });

  it('lets an optional section be empty but not too long', () => {
    const intro = DEFAULT_TEMPLATE_SECTIONS.find((s) => !s.required)!;
    expect(fields({ ...complete, answers: { ...complete.answers, [intro.key]: '' } })).toEqual([]);
    const long = { ...complete, answers: { ...complete.answers, [intro.key]: words(intro.wordLimit + 1) } };
    expect(fields(long)).toEqual([`answers.${intro.key}`]);
  });

  it('needs at least one topic but no support type', () => {
    expect(fields({ ...complete, topics: [] })).toEqual(['topics']);
  });

  it('needs the contact name and email, not the role', () => {
    expect(fields({ ...complete, contact: { name: 'Jo', email: '' } })).toEqual(['contact.email']);
    expect(fields({ ...complete, contact: null })).toEqual(['contact.name', 'contact.email']);
  });

  it("reads a template version's own sections: a section it does not have is not asked for", () => {
    const v2: TemplateDefinition = {
      version: 2,
      sections: [{ key: 'outcome', title: 'Outcome', guidance: '', required: true, wordLimit: 50 }],
    };
    const problems = completenessProblems(v2, complete).map((p) => p.field);
    expect(problems).toEqual(['answers.outcome']);
  });
});
