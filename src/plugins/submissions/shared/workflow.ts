/**
 * The review workflow, as one table. The server's guard, the API's errors, the admin buttons, the
 * council form and the table-driven test all read it. *Who may* act (roles, councils, the second
 * pair of eyes) lives apart, in server/src/access/rules.ts.
 */

export const STATES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'rejected',
  'published',
  'withdrawn',
  'archived',
] as const;
export type State = (typeof STATES)[number];

/** Who the table expects to take an action: a council contributor, or an editor with that admin permission. */
export type ActorKind = 'council' | 'reviewer' | 'publisher';

export interface Transition {
  from: readonly State[];
  to: State;
  who: ActorKind;
  /** Plain words, for buttons and history. */
  label: string;
  /** A message the actor must give, and what to call it on a form. */
  message?: 'message' | 'reason';
  /** The actor may comment on any answer (keys in shared/comments.ts), shown to the council beside it. */
  comments?: boolean;
  /** Every required section answered, within its word limit. */
  requiresCompleteAnswers?: boolean;
  /** What else happens, in the same transaction. */
  effect?: 'assign_to_actor' | 'publish_case_study' | 'unpublish_case_study';
}

export const TRANSITIONS = {
  submit: {
    from: ['draft', 'changes_requested'],
    to: 'submitted',
    who: 'council',
    label: 'Submit for review',
    requiresCompleteAnswers: true,
  },
  withdraw: {
    from: ['draft', 'submitted', 'changes_requested'],
    to: 'withdrawn',
    who: 'council',
    label: 'Withdraw',
  },
  start_review: {
    from: ['submitted'],
    to: 'in_review',
    who: 'reviewer',
    label: 'Start review',
    effect: 'assign_to_actor',
  },
  request_changes: {
    from: ['in_review'],
    to: 'changes_requested',
    who: 'reviewer',
    label: 'Request changes',
    message: 'message',
    comments: true,
  },
  approve: { from: ['in_review'], to: 'approved', who: 'reviewer', label: 'Approve' },
  reject: {
    from: ['in_review'],
    to: 'rejected',
    who: 'reviewer',
    label: 'Reject',
    message: 'reason',
    comments: true,
  },
  publish: {
    from: ['approved'],
    to: 'published',
    who: 'publisher',
    label: 'Publish',
    effect: 'publish_case_study',
  },
  archive: {
    from: ['published'],
    to: 'archived',
    who: 'publisher',
    label: 'Archive',
    message: 'reason',
    effect: 'unpublish_case_study',
  },
} as const satisfies Record<string, Transition>;

export type Action = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

export function isAction(value: string): value is Action {
  return Object.prototype.hasOwnProperty.call(TRANSITIONS, value);
}

/** The actions the table allows from a state, whoever asks. */
export function actionsFrom(state: State): Action[] {
  return ACTIONS.filter((action) => (TRANSITIONS[action].from as readonly State[]).includes(state));
}

/** States a council may still edit the answers in. */
export const EDITABLE_STATES: readonly State[] = ['draft', 'changes_requested'];

/** States in which the council's latest feedback is an open request; in any other it is history. */
export const FEEDBACK_STATES: readonly State[] = ['changes_requested', 'rejected'];

/** States whose case study is (or was) public: the officer's view links to it. */
export const PUBLICATION_STATES: readonly State[] = ['published', 'archived'];

/** States in which a reviewer may choose the cover image (the council chooses while it may edit). */
export const EDITOR_COVER_STATES: readonly State[] = ['submitted', 'in_review', 'approved'];

/** States an editor's queue shows by default: waiting for someone. */
export const OPEN_STATES: readonly State[] = ['submitted', 'in_review', 'approved'];

/** The state in plain words, for councils and editors alike. */
export const STATE_LABELS: Record<State, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  rejected: 'Not accepted',
  published: 'Published',
  withdrawn: 'Withdrawn',
  archived: 'Archived',
};
