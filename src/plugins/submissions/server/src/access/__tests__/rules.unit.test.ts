import { ADMIN_ACTIONS } from '../../config/admin-actions';
import {
  allowedActions,
  belongsToActorsCouncil,
  isSecondPairOfEyes,
  mayPublish,
  mayReview,
  whyNot,
  type Actor,
  type SubmissionFacts,
  type WorkflowSettings,
} from '../rules';

const officer = (councilId: number): Actor => ({
  kind: 'council',
  userId: 10 + councilId,
  councilId,
  name: 'Officer',
  email: 'o@council.gov.uk',
});
const editorWith = (userId: number, ...permissions: string[]): Actor => ({
  kind: 'admin',
  userId,
  name: 'Editor',
  email: 'e@lga.test',
  can: (permission) => permissions.includes(permission),
});
const reviewer = editorWith(1, ADMIN_ACTIONS.read, ADMIN_ACTIONS.review);
const publisher = editorWith(2, ADMIN_ACTIONS.read, ADMIN_ACTIONS.review, ADMIN_ACTIONS.publish);
const reader = editorWith(3, ADMIN_ACTIONS.read);

const strict: WorkflowSettings = { singlePersonPublishing: false, reviewerEmails: [] };
const relaxed: WorkflowSettings = { singlePersonPublishing: true, reviewerEmails: [] };
const at = (state: SubmissionFacts['state'], extra: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  state,
  councilId: 7,
  approvedBy: null,
  ...extra,
});

describe('who may act', () => {
  it('a council officer acts only on their own council’s submissions', () => {
    expect(belongsToActorsCouncil(officer(7), at('draft'))).toBe(true);
    expect(belongsToActorsCouncil(officer(8), at('draft'))).toBe(false);
    expect(belongsToActorsCouncil(officer(7), at('draft', { councilId: null }))).toBe(false);
    expect(belongsToActorsCouncil(publisher, at('draft'))).toBe(false);
  });

  it('reviewing and publishing need their admin permissions', () => {
    expect([mayReview(reviewer), mayReview(publisher), mayReview(reader), mayReview(officer(7))]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([mayPublish(reviewer), mayPublish(publisher), mayPublish(officer(7))]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('whoever approved may not publish, unless single-person publishing is on', () => {
    const approvedByPublisher = at('approved', { approvedBy: publisher.userId });
    expect(isSecondPairOfEyes(publisher, approvedByPublisher, strict)).toBe(false);
    expect(isSecondPairOfEyes(publisher, approvedByPublisher, relaxed)).toBe(true);
    expect(isSecondPairOfEyes(publisher, at('approved', { approvedBy: 99 }), strict)).toBe(true);
  });
});

describe('whyNot and allowedActions', () => {
  it.each([
    ['own council submits its draft', officer(7), 'submit', at('draft'), null],
    [
      'another council cannot',
      officer(8),
      'submit',
      at('draft'),
      "Only a contributor at the submission's council may do this",
    ],
    [
      'an editor cannot submit for a council',
      publisher,
      'submit',
      at('draft'),
      "Only a contributor at the submission's council may do this",
    ],
    ['a reviewer approves', reviewer, 'approve', at('in_review'), null],
    [
      'a council cannot approve',
      officer(7),
      'approve',
      at('in_review'),
      'You need the "Review submissions" permission for this',
    ],
    [
      'a read-only editor cannot approve',
      reader,
      'approve',
      at('in_review'),
      'You need the "Review submissions" permission for this',
    ],
    [
      'a reviewer cannot publish',
      reviewer,
      'publish',
      at('approved'),
      'You need the "Publish and archive submissions" permission for this',
    ],
    ['another publisher publishes', publisher, 'publish', at('approved', { approvedBy: 99 }), null],
    [
      'the approver cannot publish',
      publisher,
      'publish',
      at('approved', { approvedBy: publisher.userId }),
      expect.stringContaining('another publisher must publish it'),
    ],
    [
      'archiving is not held to the second pair of eyes',
      publisher,
      'archive',
      at('published', { approvedBy: publisher.userId }),
      null,
    ],
  ] as const)('%s', (_label, actor, action, facts, expected) => {
    expect(whyNot(actor, action, facts, strict)).toEqual(expected);
  });

  it.each([
    ['own officer, draft', officer(7), at('draft'), ['submit', 'withdraw']],
    ['other council, draft', officer(8), at('draft'), []],
    ['own officer, in review', officer(7), at('in_review'), []],
    ['reviewer, submitted', reviewer, at('submitted'), ['start_review']],
    ['reviewer, in review', reviewer, at('in_review'), ['request_changes', 'approve', 'reject']],
    ['reviewer, approved', reviewer, at('approved'), []],
    ['publisher, approved by someone else', publisher, at('approved', { approvedBy: 99 }), ['publish']],
    ['publisher, approved by themself', publisher, at('approved', { approvedBy: 2 }), []],
    ['publisher, published', publisher, at('published'), ['archive']],
    ['read-only editor, in review', reader, at('in_review'), []],
  ] as const)('%s: %j', (_label, actor, facts, expected) => {
    expect(allowedActions(actor, facts, strict)).toEqual(expected);
  });
});
