import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';

/**
 * 409: the request collides with the submission's current state or version. An http-errors error,
 * which Strapi's error middleware answers in its own shape (status, name, message, details).
 */
export class ConflictError extends createHttpError.Conflict {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

/**
 * 403 that says why. Strapi turns a plain ForbiddenError thrown by a handler into a bare
 * "Forbidden" (its authorize step wraps the handler); a PolicyError keeps its message.
 */
export class ForbiddenError extends errors.PolicyError {
  constructor(message: string) {
    super(message);
    (this as { name: string }).name = 'ForbiddenError'; // what clients know a 403 as
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** 400 naming each field, in the shape Strapi's own validation errors have. */
export function fieldErrors(problems: FieldProblem[]): errors.ValidationError {
  return new errors.ValidationError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    errors: problems.map((p) => ({ path: p.field.split('.'), message: p.message, name: 'ValidationError' })),
  });
}

/** Every message the plugin answers with, in one place. */
export const MESSAGES = {
  notFound: 'No such submission',
  noSuchAttachment: 'No such attachment on this submission',
  notCouncilContributor: 'Only council contributors can use submissions: your account has no council',
  notEditable: (state: string) =>
    `A submission can only be edited in draft or when changes are requested; this one is ${state}`,
  staleVersion: (sent: number, current: number) =>
    `This submission has changed since you loaded it (you sent version ${sent}; it is now version ${current}). Reload and try again.`,
  actionNotAllowed: (action: string, state: string, allowed: string[]) =>
    `Cannot ${action} a submission that is ${state}. Allowed now: ${allowed.length ? allowed.join(', ') : 'none'}`,
  unknownAction: (action: string, known: string[]) =>
    `Unknown action "${action}". Actions: ${known.join(', ')}`,
  messageRequired: (kind: string, label: string) => `Give a ${kind} to ${label.toLowerCase()}`,
  councilOnly: "Only a contributor at the submission's council may do this",
  needsPermission: (permission: string) => `You need the "${permission}" permission for this`,
  coverNotNow: (state: string) =>
    `A reviewer can choose the cover image while a submission is submitted, in review or approved; this one is ${state}`,
  secondPairOfEyes:
    'You approved this submission, so another publisher must publish it (or an administrator can allow single-person publishing)',
} as const;
