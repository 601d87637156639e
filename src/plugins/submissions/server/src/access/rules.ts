import { actionsFrom, TRANSITIONS, type Action, type State } from '../../../shared/workflow';
import { ADMIN_ACTIONS } from '../config/admin-actions';
import { MESSAGES } from '../errors';

/** Who is asking: a council officer (users-permissions) or an editor (admin user). */
export type Actor =
  | { kind: 'council'; userId: number; councilId: number; name: string; email: string }
  | { kind: 'admin'; userId: number; name: string; email: string; can: (permission: string) => boolean };

/** The facts about a submission the rules look at. */
export interface SubmissionFacts {
  state: State;
  councilId: number | null;
  approvedBy: number | null;
}

export interface WorkflowSettings {
  singlePersonPublishing: boolean;
  reviewerEmails: string[];
}

export const belongsToActorsCouncil = (actor: Actor, submission: SubmissionFacts): boolean =>
  actor.kind === 'council' && submission.councilId !== null && actor.councilId === submission.councilId;

export const mayReview = (actor: Actor): boolean => actor.kind === 'admin' && actor.can(ADMIN_ACTIONS.review);

export const mayPublish = (actor: Actor): boolean =>
  actor.kind === 'admin' && actor.can(ADMIN_ACTIONS.publish);

/** The second pair of eyes: whoever approved may not also publish, unless settings allow one person to do both. */
export const isSecondPairOfEyes = (
  actor: Actor,
  submission: SubmissionFacts,
  settings: WorkflowSettings
): boolean => settings.singlePersonPublishing || submission.approvedBy !== actor.userId;

/** Why this actor may not take this action on this submission, or null if they may. The state is checked apart. */
export function whyNot(
  actor: Actor,
  action: Action,
  submission: SubmissionFacts,
  settings: WorkflowSettings
): string | null {
  switch (TRANSITIONS[action].who) {
    case 'council':
      return belongsToActorsCouncil(actor, submission) ? null : MESSAGES.councilOnly;
    case 'reviewer':
      return mayReview(actor) ? null : MESSAGES.needsPermission('Review submissions');
    case 'publisher':
      if (!mayPublish(actor)) return MESSAGES.needsPermission('Publish and archive submissions');
      if (action === 'publish' && !isSecondPairOfEyes(actor, submission, settings))
        return MESSAGES.secondPairOfEyes;
      return null;
  }
}

/** The actions this actor may take now: the table's, filtered by the rules. Buttons and forms show exactly these. */
export function allowedActions(
  actor: Actor,
  submission: SubmissionFacts,
  settings: WorkflowSettings
): Action[] {
  return actionsFrom(submission.state).filter(
    (action) => whyNot(actor, action, submission, settings) === null
  );
}
