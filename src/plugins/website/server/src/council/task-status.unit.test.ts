import { DEFAULT_TEMPLATE_SECTIONS } from '../../../../submissions/shared/template';
import { buildSteps, stepErrors } from './steps';
import { progress, taskStatus } from './task-status';

const steps = buildSteps(DEFAULT_TEMPLATE_SECTIONS, { topics: [{ value: 't1', text: 'Topic' }], supportTypes: [] }, 'limits');
const stepOf = (slug: string) => steps.find((s) => s.slug === slug)!;

describe('taskStatus', () => {
  it.each([
    [false, false, 'Not yet started'],
    [false, true, 'Not yet started'],
    [true, true, 'In progress'],
    [true, false, 'Completed'],
  ] as const)('answered %s, a problem %s: %s', (answered, problem, expected) => {
    expect(taskStatus(answered, problem)).toBe(expected);
  });

  it('counts the required sections completed out of all required sections', () => {
    const rows = steps.map((step, i) => ({ step, status: taskStatus(i % 2 === 0, false) }));
    const required = steps.filter((s) => s.required);
    expect(progress(rows)).toEqual({
      done: rows.filter((r) => r.step.required && r.status === 'Completed').length,
      of: required.length,
    });
    expect(progress(steps.map((step) => ({ step, status: 'Completed' as const })))).toEqual({
      done: required.length,
      of: required.length,
    });
  });
});

describe('steps', () => {
  it('ends with "Images and documents", commented on as "attachments", its guidance the limits', () => {
    const last = steps[steps.length - 1];
    expect([last.slug, last.title, last.commentKey, last.guidance, last.required]).toEqual([
      'attachments',
      'Images and documents',
      'attachments',
      'limits',
      false,
    ]);
    expect(stepOf('challenge').commentKey).toBe('answers.challenge');
    expect(stepOf('support-types').commentKey).toBe('supportTypes');
  });

  it('refuses a blank required answer on "Save and continue", naming the field', () => {
    expect(stepErrors(stepOf('title'), { title: '' }).map((e) => [e.field.name, e.message])).toEqual([
      ['title', 'Enter a title'],
    ]);
    expect(stepErrors(stepOf('topics'), { topics: [] }).map((e) => e.message)).toEqual(['Select at least one topic']);
    expect(stepErrors(stepOf('challenge'), { answer: '  ' }).map((e) => e.message)).toEqual([
      'Enter your answer to "The challenge"',
    ]);
    expect(
      stepErrors(stepOf('contact'), { name: '', role: '', email: '' }).map((e) => e.field.name)
    ).toEqual(['name', 'email']);
  });

  it('accepts a blank optional answer', () => {
    expect(stepErrors(stepOf('introduction'), { answer: '' })).toEqual([]);
    expect(stepErrors(stepOf('support-types'), { supportTypes: [] })).toEqual([]);
  });
});
