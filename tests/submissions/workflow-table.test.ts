import { startTestApp, type TestApp } from '../helpers/strapi';
import {
  ACTIONS,
  STATES,
  TRANSITIONS,
  type Action,
  type State,
} from '../../src/plugins/submissions/shared/workflow';
import { buildWorld, councilAct, draftOf, editorAct, type World } from './world';

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp('workflow_table');
  world = await buildWorld(app);
});
afterAll(() => app?.close());

/** Puts a fresh complete submission in a state: test set-up, written straight to the database. */
async function submissionIn(state: State) {
  const draft = await draftOf(world);
  await app.strapi.db
    .query('plugin::submissions.submission')
    .update({ where: { documentId: draft.id }, data: { state } });
  return draft;
}

/**
 * The workflow, spelled out (not read from TRANSITIONS): every state × action and what must happen.
 * A state name is where the action leads; `__` means the server must answer 409 and change nothing.
 * A wrong entry in src/plugins/submissions/shared/workflow.ts makes a cell of this table fail.
 */
const __ = null;
const ACTION_COLUMNS = [
  'submit',
  'withdraw',
  'start_review',
  'request_changes',
  'approve',
  'reject',
  'publish',
  'archive',
] as const;
// prettier-ignore
const EXPECTED: Array<[from: State, ...to: Array<State | null>]> = [
  //                    submit       withdraw     start_review  request_changes      approve     reject      publish      archive
  ['draft',             'submitted', 'withdrawn', __,           __,                  __,         __,         __,          __        ],
  ['submitted',         __,          'withdrawn', 'in_review',  __,                  __,         __,         __,          __        ],
  ['in_review',         __,          __,          __,           'changes_requested', 'approved', 'rejected', __,          __        ],
  ['changes_requested', 'submitted', 'withdrawn', __,           __,                  __,         __,         __,          __        ],
  ['approved',          __,          __,          __,           __,                  __,         __,         'published', __        ],
  ['rejected',          __,          __,          __,           __,                  __,         __,         __,          __        ],
  ['published',         __,          __,          __,           __,                  __,         __,         __,          'archived'],
  ['withdrawn',         __,          __,          __,           __,                  __,         __,         __,          __        ],
  ['archived',          __,          __,          __,           __,                  __,         __,         __,          __        ],
];

/** Who takes each action, and the actions that need a message (a reason) to the council. */
const ACTOR: Record<Action, 'council' | 'reviewer' | 'publisher'> = {
  submit: 'council',
  withdraw: 'council',
  start_review: 'reviewer',
  request_changes: 'reviewer',
  approve: 'reviewer',
  reject: 'reviewer',
  publish: 'publisher',
  archive: 'publisher',
};
const NEEDS_MESSAGE: Action[] = ['request_changes', 'reject', 'archive'];

describe('the table in this file covers the whole workflow', () => {
  it('has a row for every state and a column for every action, in the same order', () => {
    expect(EXPECTED.map(([from]) => from)).toEqual([...STATES]);
    expect([...ACTION_COLUMNS]).toEqual([...ACTIONS]);
  });

  it.each(ACTIONS)('%s: the transition table names the expected actor and message', (action) => {
    expect(TRANSITIONS[action].who).toBe(ACTOR[action]);
    expect(Boolean((TRANSITIONS[action] as { message?: string }).message)).toBe(
      NEEDS_MESSAGE.includes(action)
    );
  });
});

/** The caller this file names for an action: a council contributor, or a publisher (who may also review). */
function act(action: Action, id: string, version: number) {
  const body = { version, ...(NEEDS_MESSAGE.includes(action) ? { message: `A reason to ${action}` } : {}) };
  return ACTOR[action] === 'council'
    ? councilAct(world.councilA, id, action, body)
    : editorAct(world.publisher2, id, action, body);
}

const cases = EXPECTED.flatMap(([from, ...outcomes]) =>
  ACTION_COLUMNS.map((action, i) => [from, action, outcomes[i]] as [State, Action, State | null])
);

describe.each(cases)('from %s, %s', (state, action, expectedState) => {
  it(
    expectedState ? `moves to ${expectedState}` : 'answers 409 naming the state and the actions allowed now',
    async () => {
      const submission = await submissionIn(state);
      const res = await act(action, submission.id, submission.version);
      const after = await app.strapi.db
        .query('plugin::submissions.submission')
        .findOne({ where: { documentId: submission.id } });
      const events = await app.strapi.db
        .query('plugin::submissions.review-event')
        .count({ where: { submission: after.id } });
      if (expectedState) {
        expect(res.status).toBe(200);
        expect(res.body.data.state).toBe(expectedState);
        expect(after).toMatchObject({ state: expectedState, version: submission.version + 1 });
        expect(events).toBe(1);
      } else {
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain(`Cannot ${action} a submission that is ${state}`);
        expect(res.body.error.details.state).toBe(state);
        expect(Array.isArray(res.body.error.details.allowedActions)).toBe(true);
        expect(after).toMatchObject({ state, version: submission.version });
        expect(events).toBe(0);
      }
    }
  );
});

it('names exactly the actions the table and the rules allow the caller now', async () => {
  const submission = await submissionIn('in_review');
  const res = await councilAct(world.councilA, submission.id, 'submit', { version: submission.version });
  expect(res.status).toBe(409);
  expect(res.body.error.details.allowedActions).toEqual([]); // in review, a council can do nothing
  const asEditor = await editorAct(world.reviewer, submission.id, 'publish', { version: submission.version });
  expect(asEditor.status).toBe(409);
  expect(asEditor.body.error.details.allowedActions).toEqual(['request_changes', 'approve', 'reject']);
});

it('refuses an action that is not in the table', async () => {
  const submission = await submissionIn('draft');
  const res = await councilAct(world.councilA, submission.id, 'force_publish', { version: 1 });
  expect(res.status).toBe(404);
  expect(res.body.error.message).toMatch(/Unknown action "force_publish"/);
});
