import { startTestApp, type TestApp } from '../helpers/strapi';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { inOrder } from '../helpers/in-order';
import { buildWorld, completeAnswers, councilAct, editorAct, type World } from './world';

let app: TestApp;
let smtp: SmtpServer;
let world: World;
const webhookEvents: Array<{ event: string; payload: { toState: string } }> = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp('submissions_journey', smtp.env);
  for (const action of ['submit', 'start_review', 'request_changes', 'approve', 'publish', 'archive']) {
    app.strapi.eventHub.on(`submission.${action}`, (payload: { toState: string }) =>
      webhookEvents.push({ event: `submission.${action}`, payload })
    );
  }
  world = await buildWorld(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('a council case study, from draft to a published case study on the public API', () => {
  const step = inOrder();
  let id: string;
  let reference: string;
  let caseStudyId: string;
  let slug: string;

  step('an officer starts a draft with one answer; submitting it early names what is missing', async () => {
    const created = await world.councilA.post('/api/submissions', {
      title: 'Bristol City Council: reading together',
      answers: { challenge: 'Too few children read.' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      state: 'draft',
      version: 1,
      allowedActions: ['submit', 'withdraw'],
    });
    expect(created.body.data.reference).toMatch(/^CS-\d{4}-\d{5}$/);
    id = created.body.data.id;

    const early = await councilAct(world.councilA, id, 'submit', { version: 1 });
    expect(early.status).toBe(400);
    expect(early.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['summary', 'topics', 'contact.name', 'answers.solution', 'answers.impact'])
    );
  });

  step('a colleague at the same council finishes it, and it is submitted with a receipt', async () => {
    const finished = await world.councilA2.put(`/api/submissions/${id}`, {
      ...completeAnswers(world.topics),
      version: 1,
    });
    expect(finished.status).toBe(200);
    expect(finished.body.data.version).toBe(2);

    const submitted = await councilAct(world.councilA, id, 'submit', { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data).toMatchObject({
      state: 'submitted',
      version: 3,
      allowedActions: ['withdraw'],
    });
    reference = submitted.body.data.reference;
    const receipt = await smtp.waitFor('alice@bristol.gov.uk', /received your case study/);
    expect(receipt.text).toContain(reference);
    const reviewerNotice = await smtp.waitFor('rita.reviewer@lga.test', /New case study to review/);
    expect(reviewerNotice.to).toEqual(expect.arrayContaining(['paul.publisher@lga.test']));
  });

  step('a reviewer finds it in the queue, takes it and asks for changes on one section', async () => {
    const queue = await world.reviewer.get('/submissions/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.data.results.map((r: { id: string }) => r.id)).toContain(id);
    expect(queue.body.data.counts.submitted).toBe(1);

    const started = await editorAct(world.reviewer, id, 'start_review', { version: 3 });
    expect(started.status).toBe(200);
    expect(started.body.data.assignee.name).toContain('Reviewer');
    const requested = await editorAct(world.reviewer, id, 'request_changes', {
      version: 4,
      message: 'Nearly there: please add figures.',
      sectionComments: { impact: 'How many families took part?' },
    });
    expect(requested.status).toBe(200);
    expect(requested.body.data.state).toBe('changes_requested');
    const changesMail = await smtp.waitFor('alice@bristol.gov.uk', /Changes requested/);
    expect(changesMail.text).toContain('Nearly there: please add figures.');
    expect(changesMail.text).toContain('The impact:\nHow many families took part?');
  });

  step('the council sees the feedback beside the section, edits and resubmits', async () => {
    const seen = await world.councilA.get(`/api/submissions/${id}`);
    expect(seen.body.data.feedback).toMatchObject({
      message: 'Nearly there: please add figures.',
      sectionComments: { impact: 'How many families took part?' },
    });
    const edited = await world.councilA.put(`/api/submissions/${id}`, {
      version: 5,
      answers: { impact: '412 families took part; borrowing rose by a third.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.answers.challenge).toBe('Too few children in two wards read for pleasure.');
    expect((await councilAct(world.councilA, id, 'submit', { version: 6 })).status).toBe(200);
  });

  step('the two rounds can be compared: each submit kept a snapshot', async () => {
    await editorAct(world.reviewer, id, 'start_review', { version: 7 });
    const detail = await world.reviewer.get(`/submissions/items/${id}`);
    const snapshots = detail.body.data.history
      .filter((e: { action: string }) => e.action === 'submit')
      .map((e: { snapshot: { answers: Record<string, string> } }) => e.snapshot);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0].answers.impact).toBe('Borrowing by under-12s rose by a third in a year.');
    expect(snapshots[1].answers.impact).toBe('412 families took part; borrowing rose by a third.');
  });

  step('approved; the approver may not publish (second pair of eyes), another publisher does', async () => {
    const approved = await editorAct(world.publisher, id, 'approve', { version: 8 });
    expect(approved.status).toBe(200);
    const selfPublish = await editorAct(world.publisher, id, 'publish', { version: 9 });
    expect(selfPublish.status).toBe(403);
    expect(selfPublish.body.error.message).toMatch(/another publisher/);
    const published = await editorAct(world.publisher2, id, 'publish', { version: 9 });
    expect(published.status).toBe(200);
    expect(published.body.data.state).toBe('published');
    caseStudyId = published.body.data.caseStudy.documentId;
  });

  step('the case study is on the public API, with its sections, council, topics and contact', async () => {
    const live = await app
      .http()
      .get(
        `/api/case-studies/${caseStudyId}?populate[0]=sections&populate[1]=councils&populate[2]=topics&populate[3]=contact`
      );
    expect(live.status).toBe(200);
    expect(live.body.data).toMatchObject({
      title: 'Bristol City Council: reading together',
      contact: { name: 'Jo Bloggs' },
    });
    expect(live.body.data.councils.map((c: { name: string }) => c.name)).toEqual(['Bristol City Council']);
    expect(live.body.data.topics.map((t: { slug: string }) => t.slug)).toEqual(['children-and-young-people']);
    expect(live.body.data.sections.map((s: { heading: string }) => s.heading)).toEqual([
      'The challenge',
      'The solution',
      'The impact',
      'How is the new approach being sustained?',
      'Lessons learned',
    ]);
    slug = live.body.data.slug;
    const publishedMail = await smtp.waitFor('alice@bristol.gov.uk', /is published/);
    expect(publishedMail.text).toContain(`/case-studies/${slug}`);
  });

  step('archiving needs a reason and takes the case study off the public API', async () => {
    expect((await editorAct(world.publisher, id, 'archive', { version: 10 })).status).toBe(400);
    const archived = await editorAct(world.publisher, id, 'archive', {
      version: 10,
      message: 'Superseded by a newer study.',
    });
    expect(archived.status).toBe(200);
    expect((await app.http().get(`/api/case-studies/${caseStudyId}`)).status).toBe(404);
  });

  step('every step is in the history, in order, and was emitted for webhooks', async () => {
    const history = (await world.reviewer.get(`/submissions/items/${id}`)).body.data.history;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'start_review',
      'request_changes',
      'submit',
      'start_review',
      'approve',
      'publish',
      'archive',
    ]);
    expect(webhookEvents.map((e) => e.event)).toEqual(
      history.map((e: { action: string }) => `submission.${e.action}`)
    );
  });
});

it('rejects with a reason, and tells the council why', async () => {
  const { councilA, reviewer } = world;
  const draft = (await councilA.post('/api/submissions', completeAnswers(world.topics))).body.data;
  await councilAct(councilA, draft.id, 'submit', { version: 1 });
  await editorAct(reviewer, draft.id, 'start_review', { version: 2 });
  const noReason = await editorAct(reviewer, draft.id, 'reject', { version: 3 });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.details.errors[0].path).toEqual(['message']);
  const rejected = await editorAct(reviewer, draft.id, 'reject', {
    version: 3,
    message: 'This duplicates an existing case study.',
  });
  expect(rejected.status).toBe(200);
  const mail = await smtp.waitFor('alice@bristol.gov.uk', /not accepted/);
  expect(mail.text).toContain('This duplicates an existing case study.');
  const seen = await councilA.get(`/api/submissions/${draft.id}`);
  expect(seen.body.data).toMatchObject({ state: 'rejected', stateLabel: 'Not accepted', allowedActions: [] });
  expect(seen.body.data.history.find((e: { action: string }) => e.action === 'reject').actor.name).toBe(
    'Editor'
  );
});

it('delivers state changes to a webhook configured in Strapi', async () => {
  const http = await import('http');
  const deliveries: Array<{ event: string; toState: string; submission: { reference: string } }> = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      deliveries.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as import('net').AddressInfo;
  try {
    const webhook = await app.strapi.get('webhookStore').createWebhook({
      name: 'records system',
      url: `http://127.0.0.1:${port}/hook`,
      headers: {},
      events: ['submission.submit', 'submission.withdraw'],
      isEnabled: true,
    });
    app.strapi.get('webhookRunner').add(webhook);

    const draft = (await world.councilA.post('/api/submissions', completeAnswers(world.topics))).body.data;
    await councilAct(world.councilA, draft.id, 'submit', { version: 1 });
    await councilAct(world.councilA, draft.id, 'withdraw', { version: 2 });
    for (let i = 0; i < 100 && deliveries.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(deliveries.map((d) => [d.event, d.toState, d.submission.reference])).toEqual([
      ['submission.submit', 'submitted', draft.reference],
      ['submission.withdraw', 'withdrawn', draft.reference],
    ]);
  } finally {
    receiver.close();
  }
});
