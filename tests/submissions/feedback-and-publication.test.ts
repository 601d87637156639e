import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { buildWorld, completeAnswers, councilAct, draftOf, editorAct, type World } from './world';

let app: TestApp;
let smtp: SmtpServer;
let world: World;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp('feedback_publication', smtp.env);
  world = await buildWorld(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/** A submission of council A that a reviewer has started reviewing; its version is 3. */
async function inReview(answers: Record<string, unknown> = {}) {
  const res = await world.councilA.post('/api/submissions', { ...completeAnswers(world.topics), ...answers });
  const id = res.body.data.id as string;
  expect((await councilAct(world.councilA, id, 'submit', { version: 1 })).status).toBe(200);
  expect((await editorAct(world.reviewer, id, 'start_review', { version: 2 })).status).toBe(200);
  return id;
}

const EVERY_QUESTION = {
  title: 'Say which council in the title.',
  summary: 'Shorter, please: two sentences.',
  topics: 'Add "Prevent" too?',
  supportTypes: 'Which support did you have?',
  'answers.impact': 'How many families took part?',
  contact: 'A team mailbox is better.',
  attachments: 'A photo would help.',
};

describe('comments on any answer', () => {
  it('takes a comment on every question, shows them to the council by the same keys, and emails them by title', async () => {
    const id = await inReview();
    const requested = await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'Nearly there.',
      comments: EVERY_QUESTION,
    });
    expect(requested.status).toBe(200);

    const view = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(view.feedback).toMatchObject({
      action: 'request_changes',
      message: 'Nearly there.',
      comments: EVERY_QUESTION,
    });
    // The older shape, by bare section key, for clients that still read it.
    expect(view.feedback.sectionComments).toEqual({ impact: 'How many families took part?' });

    const mail = await smtp.waitFor('alice@bristol.gov.uk', /Changes requested/);
    const order = [
      'Title:',
      'Summary:',
      'Topics:',
      'Support type:',
      'The impact:',
      'Contact:',
      'Images and documents:',
    ];
    const positions = order.map((heading) => mail.text.indexOf(`${heading}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(mail.text).toContain('The impact:\nHow many families took part?');
  });

  it('still accepts sectionComments by section key, and refuses unknown questions and comments where the table allows none', async () => {
    const id = await inReview();
    const unknown = await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'x',
      comments: { 'answers.nope': 'x', costs: 'y' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual([
      'comments.answers.nope',
      'comments.costs',
    ]);
    const onApprove = await editorAct(world.reviewer, id, 'approve', {
      version: 3,
      comments: { title: 'Fine' },
    });
    expect(onApprove.status).toBe(400);
    expect(onApprove.body.error.details.errors[0].path).toEqual(['comments']);
    const html = await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'x',
      comments: { summary: '<script>alert(1)</script>' },
    });
    expect(html.status).toBe(400);
    expect(html.body.error.details.errors[0].path).toEqual(['comments', 'summary']);

    const legacy = await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'Numbers, please.',
      sectionComments: { impact: 'How many?' },
      comments: { summary: 'Shorter.', title: '   ' },
    });
    expect(legacy.status).toBe(200);
    const view = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(view.feedback.comments).toEqual({ 'answers.impact': 'How many?', summary: 'Shorter.' });
  });

  it('lets a rejection carry comments too, shown as open feedback', async () => {
    const id = await inReview();
    const rejected = await editorAct(world.reviewer, id, 'reject', {
      version: 3,
      message: 'This is not a case study yet.',
      comments: { 'answers.solution': 'Describe what you did.' },
    });
    expect(rejected.status).toBe(200);
    const view = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(view.state).toBe('rejected');
    expect(view.feedback).toMatchObject({
      action: 'reject',
      comments: { 'answers.solution': 'Describe what you did.' },
    });
  });
});

describe('after publication and archive', () => {
  it('says published with the live link, keeps past feedback as history; after archive the same without the link', async () => {
    const id = await inReview({
      answers: {
        ...completeAnswers(world.topics).answers,
        solution:
          'Reading clubs in the holidays.\nRun with the libraries.\n\nA second paragraph: *not* markup.',
      },
    });
    await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'Please add figures.',
      comments: { summary: 'Add a number.' },
    });
    const changing = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(changing.feedback.message).toBe('Please add figures.');
    const edited = await world.councilA.put(`/api/submissions/${id}`, {
      version: changing.version,
      summary: 'Libraries and schools reached 412 families who had never borrowed a book.',
    });
    expect(
      (await councilAct(world.councilA, id, 'submit', { version: edited.body.data.version })).status
    ).toBe(200);

    // Resubmitted: the request is history now, not an open one.
    const resubmitted = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(resubmitted.feedback).toBeNull();
    const past = resubmitted.history.find((e: { action: string }) => e.action === 'request_changes');
    expect(past).toMatchObject({ message: 'Please add figures.', comments: { summary: 'Add a number.' } });

    await editorAct(world.reviewer, id, 'start_review', { version: 6 });
    await editorAct(world.reviewer, id, 'approve', { version: 7 });
    expect((await editorAct(world.publisher, id, 'publish', { version: 8 })).status).toBe(200);

    const published = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(published).toMatchObject({ state: 'published', stateLabel: 'Published', feedback: null });
    const slug = published.caseStudy.slug;
    expect(slug).toMatch(/^[a-z0-9-]+$/);
    expect(published.caseStudy).toMatchObject({
      live: true,
      url: `${process.env.PUBLIC_URL}/case-studies/${slug}`,
    });
    expect(published.history.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'start_review',
      'request_changes',
      'submit',
      'start_review',
      'approve',
      'publish',
    ]);

    // The single line break the officer typed survives as a Markdown hard break; markup stays text.
    const caseStudy = (
      await app.http().get(`/api/case-studies?filters[slug][$eq]=${slug}&populate[0]=sections`)
    ).body.data[0];
    const solution = caseStudy.sections.find((s: { heading: string }) => s.heading === 'The solution');
    expect(solution.body).toBe(
      'Reading clubs in the holidays.\\\nRun with the libraries.\n\nA second paragraph: \\*not\\* markup.'
    );

    expect(
      (
        await editorAct(world.publisher, id, 'archive', {
          version: 9,
          message: 'Superseded by a newer study.',
        })
      ).status
    ).toBe(200);
    const archived = (await world.councilA.get(`/api/submissions/${id}`)).body.data;
    expect(archived).toMatchObject({ state: 'archived', feedback: null });
    expect(archived.caseStudy).toMatchObject({ live: false, url: null, slug });
    expect(archived.history.at(-1)).toMatchObject({
      action: 'archive',
      message: 'Superseded by a newer study.',
    });
  });

  it('gives a draft no case study and no feedback', async () => {
    const draft = await draftOf(world);
    const view = (await world.councilA.get(`/api/submissions/${draft.id}`)).body.data;
    expect(view).toMatchObject({ caseStudy: null, feedback: null, attachments: [], coverAttachment: null });
  });
});
