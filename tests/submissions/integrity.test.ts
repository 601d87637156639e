import fs from 'fs';
import path from 'path';
import supertest from 'supertest';
import { freePort, startSecondProcess, startTestApp, type TestApp } from '../helpers/strapi';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { TEST_DB } from '../helpers/database';
import { buildWorld, completeAnswers, councilAct, draftOf, editorAct, type World } from './world';

let app: TestApp;
let smtp: SmtpServer;
let world: World;
const SUBMISSION = 'plugin::submissions.submission';
const EVENT = 'plugin::submissions.review-event';

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp('integrity', smtp.env);
  world = await buildWorld(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const stored = (documentId: string) => app.strapi.db.query(SUBMISSION).findOne({ where: { documentId } });
const eventCount = async (documentId: string, action?: string) =>
  app.strapi.db
    .query(EVENT)
    .count({ where: { submission: (await stored(documentId)).id, ...(action ? { action } : {}) } });

async function inReview() {
  const draft = await draftOf(world);
  await councilAct(world.councilA, draft.id, 'submit', { version: 1 });
  await editorAct(world.reviewer, draft.id, 'start_review', { version: 2 });
  return draft.id;
}

describe('optimistic concurrency', () => {
  it('refuses a stale version on update and on actions, saying which version is current', async () => {
    const draft = await draftOf(world);
    expect(
      (await world.councilA.put(`/api/submissions/${draft.id}`, { version: 1, title: 'First save' })).status
    ).toBe(200);
    const stale = await world.councilA2.put(`/api/submissions/${draft.id}`, {
      version: 1,
      title: 'Lost update',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/you sent version 1; it is now version 2/);
    expect((await stored(draft.id)).title).toBe('First save');
    const staleAction = await councilAct(world.councilA, draft.id, 'submit', { version: 1 });
    expect(staleAction.status).toBe(409);
    expect((await stored(draft.id)).state).toBe('draft');
  });

  it('applies exactly one of two concurrent saves', async () => {
    const draft = await draftOf(world);
    const results = await Promise.all([
      world.councilA.put(`/api/submissions/${draft.id}`, { version: 1, title: 'Alice' }),
      world.councilA2.put(`/api/submissions/${draft.id}`, { version: 1, title: 'Amir' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.data.title;
    expect(await stored(draft.id)).toMatchObject({ title: winner, version: 2 });
  });

  it('applies exactly one of two concurrent actions', async () => {
    const id = await inReview();
    const results = await Promise.all([
      editorAct(world.reviewer, id, 'approve', { version: 3 }),
      editorAct(world.publisher2, id, 'reject', { version: 3, message: 'No.' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await eventCount(id, 'approve')) + (await eventCount(id, 'reject'))).toBe(1);
    expect((await stored(id)).version).toBe(4);
  });

  // SQLite is one process on one machine (README); scaling out means PostgreSQL, where this must hold.
  // (Defined only there, so that no run reports a skipped test.)
  if (TEST_DB === 'postgres')
    it('applies exactly one of two concurrent actions sent to two Strapi processes sharing PostgreSQL', async () => {
      const second = await startSecondProcess(await freePort());
      try {
        for (let round = 0; round < 3; round++) {
          const id = await inReview();
          const results = await Promise.all([
            editorAct(world.reviewer, id, 'approve', { version: 3 }),
            supertest(second.baseUrl)
              .post(`/submissions/items/${id}/actions/approve`)
              .set('Authorization', `Bearer ${world.publisher.token}`)
              .send({ version: 3 }),
          ]);
          expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
          expect(await eventCount(id, 'approve')).toBe(1);
          expect(await stored(id)).toMatchObject({ state: 'approved', version: 4 });
        }
      } finally {
        await second.stop();
      }
    });
});

describe('a publish that fails part-way', () => {
  it('leaves nothing changed: no state change, no event, no case study, no email, no public file', async () => {
    const draft = await draftOf(world);
    const attached = await app
      .http()
      .post(`/api/submissions/${draft.id}/attachments`)
      .set('Authorization', `Bearer ${world.councilA.token}`)
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), {
        filename: 'plan.pdf',
        contentType: 'application/pdf',
      });
    expect(attached.status).toBe(201);
    const id = draft.id;
    await councilAct(world.councilA, id, 'submit', { version: 2 });
    await editorAct(world.reviewer, id, 'start_review', { version: 3 });
    await editorAct(world.reviewer, id, 'approve', { version: 4 });
    const caseStudiesBefore = await app.strapi.db.query('api::case-study.case-study').count({});
    const outboxBefore = await app.strapi.db.query('plugin::submissions.outbox-message').count({});
    const mediaBefore = await app.strapi.db.query('plugin::upload.file').count({});
    const publicUploads = path.join(app.strapi.dirs.static.public, 'uploads');
    const publicFilesBefore = fs.readdirSync(publicUploads).sort();
    let failing = true;
    // Fault injection: the case study is written, then the next step fails.
    app.strapi.documents.use(async (context, next) => {
      const result = await next();
      if (failing && context.uid === 'api::case-study.case-study' && context.action === 'create')
        throw new Error('storage failed');
      return result;
    });
    const res = await editorAct(world.publisher, id, 'publish', { version: 5 });
    failing = false;
    expect(res.status).toBe(500);
    expect(app.logs.claim(/storage failed/)).toHaveLength(1); // logged as the fault it is
    expect(await stored(id)).toMatchObject({ state: 'approved', version: 5, caseStudyDocumentId: null });
    expect(await eventCount(id, 'publish')).toBe(0);
    expect(await app.strapi.db.query('api::case-study.case-study').count({})).toBe(caseStudiesBefore);
    expect(await app.strapi.db.query('plugin::submissions.outbox-message').count({})).toBe(outboxBefore);
    // The attachment's public copy was deleted again: not in the media library, not under /uploads.
    expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(mediaBefore);
    expect(fs.readdirSync(publicUploads).sort()).toEqual(publicFilesBefore);
    // and the same action succeeds once the fault is gone
    expect((await editorAct(world.publisher, id, 'publish', { version: 5 })).status).toBe(200);
  });
});

describe('what a client may not set', () => {
  it.each([
    ['state', { state: 'published' }],
    ['author', { author: 1 }],
    ['council', { council: 'abc' }],
    ['caseStudyDocumentId', { caseStudyDocumentId: 'abc' }],
    ['reference', { reference: 'CS-1' }],
  ])('refuses %s on create and update, naming it', async (field, extra) => {
    const created = await world.councilA.post('/api/submissions', { title: 'T', ...extra });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toContain(field);
    const draft = await draftOf(world);
    const updated = await world.councilA.put(`/api/submissions/${draft.id}`, { version: 1, ...extra });
    expect(updated.status).toBe(400);
    expect(await stored(draft.id)).toMatchObject({ state: 'draft', version: 1 });
  });

  it('refuses a state sent along with an action', async () => {
    const draft = await draftOf(world);
    const res = await councilAct(world.councilA, draft.id, 'withdraw', { version: 1, state: 'published' });
    expect(res.status).toBe(400);
    expect((await stored(draft.id)).state).toBe('draft');
  });
});

describe('bad input answers 4xx naming the field, and loses nothing saved before', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['over-long title', { title: 'x'.repeat(201) }, 'title'],
    ['HTML in a title', { title: '<b>Bold</b> council' }, 'title'],
    [
      'script in an answer',
      { answers: { challenge: 'Hello <script>alert(1)</script>' } },
      'answers.challenge',
    ],
    ['a number as an answer', { answers: { challenge: 42 } }, 'answers.challenge'],
    ['an answer to a section the template lacks', { answers: { secrets: 'x' } }, 'answers.secrets'],
    ['an over-long answer', { answers: { challenge: 'word '.repeat(5000) } }, 'answers.challenge'],
    ['topics that are not a list', { topics: 'prevent' }, 'topics'],
    ['an unknown topic', { topics: ['nosuchtopic'] }, 'topics'],
    ['a contact email that is not one', { contact: { email: 'nope' } }, 'contact.email'],
    ['a body that is not an object', [] as never, 'body'],
  ];

  it.each(cases)('%s', async (_name, change, field) => {
    const draft = await draftOf(world);
    const res = await world.councilA.put(
      `/api/submissions/${draft.id}`,
      Array.isArray(change) ? change : { version: 1, ...change }
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(field);
    const after = await world.councilA.get(`/api/submissions/${draft.id}`);
    expect(after.body.data).toMatchObject({ version: 1, title: completeAnswers(world.topics).title });
    expect(after.body.data.answers.challenge).toBe(completeAnswers(world.topics).answers.challenge);
  });

  it('answers an oversized body with 413', async () => {
    const draft = await draftOf(world);
    const res = await world.councilA.put(`/api/submissions/${draft.id}`, {
      version: 1,
      answers: { challenge: 'x'.repeat(1_200_000) },
    });
    expect(res.status).toBe(413);
  });

  it('answers an unknown or malformed id with 404', async () => {
    expect((await world.councilA.get('/api/submissions/nosuchsubmission0000000')).status).toBe(404);
    expect((await world.councilA.get('/api/submissions/%3Cscript%3E')).status).toBe(404);
    expect((await world.reviewer.get('/submissions/items/nosuchsubmission0000000')).status).toBe(404);
  });

  it('refuses comments on sections the template does not have, and comments on actions that take none', async () => {
    const id = await inReview();
    const unknown = await editorAct(world.reviewer, id, 'request_changes', {
      version: 3,
      message: 'm',
      sectionComments: { nope: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['sectionComments', 'nope']);
    const onApprove = await editorAct(world.reviewer, id, 'approve', {
      version: 3,
      sectionComments: { impact: 'x' },
    });
    expect(onApprove.status).toBe(400);
    expect((await stored(id)).state).toBe('in_review');
  });

  it('validates queue parameters', async () => {
    expect((await world.reviewer.get('/submissions/queue?state=nonsense')).status).toBe(400);
    expect((await world.reviewer.get('/submissions/queue?pageSize=10000')).status).toBe(400);
    expect((await world.reviewer.get('/submissions/queue?sort=drop%20table')).status).toBe(400);
  });
});

describe('the queue', () => {
  it('counts each state under the same filters as its rows, relation filters included', async () => {
    const calderdale = await draftOf(world, world.councilB);
    await councilAct(world.councilB, calderdale.id, 'submit', { version: 1 });
    await editorAct(world.reviewer, calderdale.id, 'start_review', { version: 2 });
    for (const query of ['', '&q=calderdale', '&topic=children-and-young-people']) {
      const counts = (await world.reviewer.get(`/submissions/queue?pageSize=1${query}`)).body.data.counts;
      for (const [state, count] of Object.entries(counts)) {
        // The rows themselves, counted here: the count must say how many there are.
        const listed = (await world.reviewer.get(`/submissions/queue?state=${state}&pageSize=100${query}`))
          .body.data;
        expect({ query, state, count }).toEqual({ query, state, count: listed.results.length });
      }
    }
    const mine = (await world.reviewer.get('/submissions/queue?q=calderdale&assignee=me')).body.data;
    expect(mine.counts.in_review).toBeGreaterThanOrEqual(1);
    expect(
      mine.results.every((r: { council: { name: string } }) => r.council.name.includes('Calderdale'))
    ).toBe(true);
  });
});

describe('notifications', () => {
  it('keeps and retries an email that fails to send, without holding up the state change', async () => {
    const outbox = app.strapi.db.query('plugin::submissions.outbox-message');
    const settle = async (where: Record<string, unknown>) => {
      for (
        let i = 0;
        i < 200 && (await outbox.count({ where: { ...where, status: 'pending', attempts: 0 } })) > 0;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await settle({});
    const draft = await draftOf(world);
    smtp.failNext(1);
    const submitted = await councilAct(world.councilA, draft.id, 'submit', { version: 1 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.state).toBe('submitted');
    const since = { kind: 'submit', id: { $gt: 0 }, createdAt: { $gte: new Date(Date.now() - 60_000) } };
    await settle(since);
    const failed = await outbox.findMany({ where: { ...since, status: 'pending', attempts: 1 } });
    expect(failed).toHaveLength(1);
    expect(failed[0].lastError).toMatch(/451|Try again/);
    await outbox.update({
      where: { id: failed[0].id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    await app.strapi.plugin('submissions').service('outbox').sendDue();
    expect(await outbox.findOne({ where: { id: failed[0].id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    const mail = await smtp.waitFor('alice@bristol.gov.uk', new RegExp(submitted.body.data.reference));
    expect(mail.subject).toMatch(/received your case study/);
  });

  it('sends a message once even when two senders race for it', async () => {
    const outbox = app.strapi.plugin('submissions').service('outbox');
    const id = await outbox.enqueue({
      to: ['race@bristol.gov.uk'],
      subject: 'Race',
      text: 'Once',
      kind: 'test',
    });
    await Promise.all([outbox.sendOne(id), outbox.sendOne(id), outbox.sendDue()]);
    await smtp.waitFor('race@bristol.gov.uk', /Race/);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.to.includes('race@bristol.gov.uk'))).toHaveLength(1);
  });
});
