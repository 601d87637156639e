import type { Step } from './steps';

/** A task list row's status, in the GOV.UK task list's words. */
export type TaskStatus = 'Not yet started' | 'In progress' | 'Completed';

/**
 * Not yet started: nothing answered. In progress: something answered, but the check before submitting
 * still finds a problem with it (a required part missing, over the word limit). Completed: answered, no problem.
 */
export function taskStatus(answered: boolean, hasProblem: boolean): TaskStatus {
  if (!answered) return 'Not yet started';
  return hasProblem ? 'In progress' : 'Completed';
}

/** "You have completed N of M sections": the required sections count, as they are what submitting needs. */
export function progress(rows: { step: Pick<Step, 'required'>; status: TaskStatus }[]): { done: number; of: number } {
  const required = rows.filter((r) => r.step.required);
  return { done: required.filter((r) => r.status === 'Completed').length, of: required.length };
}
