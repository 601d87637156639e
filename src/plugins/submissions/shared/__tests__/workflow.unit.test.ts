import { ACTIONS, actionsFrom, EDITABLE_STATES, isAction, STATES, TRANSITIONS } from '../workflow';

/**
 * The workflow's moves, written out as Whitehall writes its events: each action, the states it leaves
 * from, the state it reaches. Not derived from TRANSITIONS, so a wrong entry there fails here.
 */
const MOVES = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn' },
  start_review: { from: ['submitted'], to: 'in_review' },
  request_changes: { from: ['in_review'], to: 'changes_requested' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  publish: { from: ['approved'], to: 'published' },
  archive: { from: ['published'], to: 'archived' },
};

/** What each state offers, whoever asks (who may is the access rules' business). */
const OFFERED = {
  draft: ['submit', 'withdraw'],
  submitted: ['withdraw', 'start_review'],
  in_review: ['request_changes', 'approve', 'reject'],
  changes_requested: ['submit', 'withdraw'],
  approved: ['publish'],
  rejected: [],
  published: ['archive'],
  withdrawn: [],
  archived: [],
};

describe('the review workflow table', () => {
  it('has exactly these actions and states', () => {
    expect(ACTIONS).toEqual(Object.keys(MOVES));
    expect([...STATES]).toEqual(Object.keys(OFFERED));
  });

  it.each(Object.entries(MOVES))('%s moves from %j', (action, move) => {
    const transition = TRANSITIONS[action as keyof typeof TRANSITIONS];
    expect([...transition.from]).toEqual(move.from);
    expect(transition.to).toBe(move.to);
  });

  it.each(Object.entries(OFFERED))('from %s the table offers %j', (state, actions) => {
    expect(actionsFrom(state as keyof typeof OFFERED)).toEqual(actions);
  });

  it('has no way out of rejected, withdrawn or archived', () => {
    for (const end of ['rejected', 'withdrawn', 'archived'] as const) expect(actionsFrom(end)).toEqual([]);
  });

  it('lets councils edit only drafts and submissions sent back for changes', () => {
    expect([...EDITABLE_STATES]).toEqual(['draft', 'changes_requested']);
  });

  it('knows its own actions and nothing else, including inherited object keys', () => {
    expect(isAction('publish')).toBe(true);
    expect(isAction('force_publish')).toBe(false);
    expect(isAction('toString')).toBe(false);
    expect(isAction('__proto__')).toBe(false);
  });
});
