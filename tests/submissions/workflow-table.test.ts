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

/** The caller the table's `who` names: a council contributor, or a publisher (who may review and publish). */
function act(action: Action, id: string, version: number) {
  const transition = TRANSITIONS[action] as { who: string; message?: string };
  const body = {
    version,
    ...(transition.message ? { message: `A ${transition.message} for ${action}` } : {}),
  };
  return transition.who === 'council'
    ? councilAct(world.councilA, id, action, body)
    : editorAct(world.publisher2, id, action, body);
}

describe('the transition table is well formed', () => {
  it.each(ACTIONS)('%s leaves from and goes to known states', (action) => {
    const { from, to } = TRANSITIONS[action];
    expect(from.length).toBeGreaterThan(0);
    for (const state of [...from, to]) expect(STATES).toContain(state);
  });
});

const cases = STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as [State, Action]));

describe.each(cases)('from %s, %s', (state, action) => {
  const legal = (TRANSITIONS[action].from as readonly State[]).includes(state);

  it(
    legal ? `moves to ${TRANSITIONS[action].to}` : 'answers 409 naming the state and the actions allowed now',
    async () => {
      const submission = await submissionIn(state);
      const res = await act(action, submission.id, submission.version);
      const after = await app.strapi.db
        .query('plugin::submissions.submission')
        .findOne({ where: { documentId: submission.id } });
      const events = await app.strapi.db
        .query('plugin::submissions.review-event')
        .count({ where: { submission: after.id } });
      if (legal) {
        expect(res.status).toBe(200);
        expect(res.body.data.state).toBe(TRANSITIONS[action].to);
        expect(after).toMatchObject({ state: TRANSITIONS[action].to, version: submission.version + 1 });
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
