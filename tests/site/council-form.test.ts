import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { inOrder } from '../helpers/in-order';
import { completeAnswers, editor, editorAct, topicIds, type Caller } from '../submissions/world';
import { createOfficer, csrfOf, PASSWORD } from './council-helpers';
import { PDF, PNG } from '../helpers/office-files';

/** The council form of issue 12, through the site: attachments, comments beside answers, after publication, paragraphs, form details. */

let app: ListeningApp;
let annId: number;
let reviewer: Caller;
let publisher: Caller;
let topics: string[];

const SUBMISSION = 'plugin::submissions.submission';

beforeAll(async () => {
  app = await startListeningApp('site-council-form');
  annId = (await createOfficer(app.strapi, 'ann@bristol.gov.uk')).id;
  await createOfficer(app.strapi, 'amy@bristol.gov.uk');
  await createOfficer(app.strapi, 'carol@calderdale.gov.uk');
  reviewer = await editor(app, 'rita.reviewer@lga.test', 'Reviewer');
  publisher = await editor(app, 'paul.publisher@lga.test', 'Publisher');
  topics = await topicIds(app, 'children-and-young-people');
});
afterAll(async () => app?.close());

async function signedIn(email: string) {
  const a = supertest.agent(app.baseUrl);
  const form = await a.get('/submit/sign-in').expect(200);
  await a
    .post('/submit/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password: PASSWORD })
    .expect(302);
  return a;
}

/** Posts a form of the page at `path` (its CSRF token from that page). */
async function save(a: supertest.Agent, path: string, form: Record<string, string | string[]>) {
  const page = await a.get(path.replace(/\?.*$/, ''));
  return a.post(path).type('form').send({ _csrf: csrfOf(page.text), ...form });
}

const row = (id: string) => app.strapi.db.query(SUBMISSION).findOne({ where: { documentId: id } });
const count = () => app.strapi.db.query(SUBMISSION).count();
const idFrom = (location: string) => location.split('/')[3];

/** A new draft, created by saving its title. */
async function newDraft(a: supertest.Agent, title = 'Bristol: a draft') {
  const res = await save(a, '/submit/submissions/new/title', { title });
  expect(res.status).toBe(302);
  return idFrom(res.headers.location);
}

async function upload(a: supertest.Agent, id: string, content: Buffer | null, filename: string, csrf?: string) {
  const token = csrf ?? csrfOf((await a.get(`/submit/submissions/${id}/attachments`)).text);
  const req = a.post(`/submit/submissions/${id}/attachments`).field('_csrf', token);
  return content === null
    ? req.attach('file', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' })
    : req.attach('file', content, { filename, contentType: 'application/octet-stream' });
}

/** The error summary's links and the inline errors on a page. */
const errorLinks = (html: string) => [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2].trim()]);

describe('form details', () => {
  it('the start page lists each section once, without stray punctuation or a repeated "optional"', async () => {
    const res = await supertest(app.baseUrl).get('/submit').expect(200);
    expect(res.text).toContain('Introduction (optional), up to 300 words');
    expect(res.text).toContain('How is the new approach being sustained?, up to');
    expect(res.text).not.toMatch(/\?:/);
    expect(res.text).not.toMatch(/\(optional\)[^<]*Optional\./);
  });

  it('"Start a new case study" creates nothing: the draft is created by the first save', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const before = await count();
    const list = await ann.get('/submit/submissions').expect(200);
    expect(list.text).toContain('href="/submit/submissions/new"');
    await ann.get('/submit/submissions/new').expect(200);
    await ann.get('/submit/submissions/new/title').expect(200);
    await ann.get('/submit/submissions/new/check').expect(200);
    // Older pages posted here: now only a redirect to the unsaved form.
    await ann.post('/submit/submissions').type('form').send({ _csrf: csrfOf(list.text) }).expect(303).expect('Location', '/submit/submissions/new');
    expect(await count()).toBe(before);
    const blank = await save(ann, '/submit/submissions/new/title', { title: '  ' });
    expect(blank.status).toBe(422);
    expect(await count()).toBe(before);
    const res = await save(ann, '/submit/submissions/new/title', { title: 'Bristol: first save' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/submit\/submissions\/[a-z0-9]{20,}\/summary$/);
    expect(await count()).toBe(before + 1);
    expect((await row(idFrom(res.headers.location))).title).toBe('Bristol: first save');
  });

  it('checks required questions on "Save and continue": error summary and inline error naming the field, nothing saved is lost', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann, 'Kept title');
    const title = await save(ann, `/submit/submissions/${id}/title`, { version: '1', title: '' });
    expect(title.status).toBe(422);
    expect(title.text).toMatch(/<title>Error: Title/);
    expect(errorLinks(title.text)).toContainEqual(['#title', 'Enter a title']);
    expect(title.text).toMatch(/id="title-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Enter a title/);
    expect((await row(id)).title).toBe('Kept title');

    const topicsPage = await save(ann, `/submit/submissions/${id}/topics`, { version: '1' });
    expect(topicsPage.status).toBe(422);
    expect(errorLinks(topicsPage.text)).toContainEqual(['#topics', 'Select at least one topic']);

    const challenge = await save(ann, `/submit/submissions/${id}/challenge`, { version: '1', answer: ' ' });
    expect(errorLinks(challenge.text)).toContainEqual(['#answer', 'Enter your answer to &quot;The challenge&quot;']);

    const contact = await save(ann, `/submit/submissions/${id}/contact`, { version: '1', name: '', role: 'Officer', email: '' });
    expect(contact.status).toBe(422);
    expect(errorLinks(contact.text).map(([href]) => href)).toEqual(['#name', '#email']);
    expect(contact.text).toContain('value="Officer"'); // what was typed is shown back

    // Optional questions may be left blank.
    expect((await save(ann, `/submit/submissions/${id}/introduction`, { version: '1', answer: '' })).status).toBe(302);
  });

  it('the task list says Not yet started / In progress / Completed, and how many of the required sections are done', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann, 'Bristol: statuses');
    // Saved before required questions were checked on each page: a contact with a name but no email is "In progress".
    await app.strapi.db.query(SUBMISSION).update({ where: { documentId: id }, data: { contact: { name: 'Ann' } } });
    const page = await ann.get(`/submit/submissions/${id}`).expect(200);
    const status = (slug: string) => {
      const item = page.text.split(`href="/submit/submissions/${id}/${slug}"`)[1].split('</li>')[0];
      return /govuk-task-list__status[^>]*>([\s\S]*?)<\/div>/.exec(item)![1].replace(/<[^>]+>/g, '').trim();
    };
    expect(status('title')).toBe('Completed');
    expect(status('summary')).toBe('Not yet started');
    expect(status('contact')).toBe('In progress');
    expect(status('introduction')).toBe('Not yet started');
    expect(status('attachments')).toBe('Not yet started');
    expect(page.text).not.toContain('Incomplete');
    const template = await app.strapi.plugin('submissions').service('councilApi').template();
    const required = 4 + template.sections.filter((s: { required: boolean }) => s.required).length; // title, summary, topics, contact
    expect(page.text).toContain(`You have completed 1 of ${required} sections.`);
    expect(page.text).toContain('Introduction (optional)');
  });
});

describe('attachments', () => {
  it('states the server’s limits and posts multipart without JavaScript', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    const page = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
    const { attachmentMaxCount, attachmentMaxBytes } = app.strapi.config.get('plugin::submissions') as Record<string, number>;
    expect(page.text).toContain(`${attachmentMaxBytes / 1024 / 1024} MB or smaller. Up to ${attachmentMaxCount} files.`);
    expect(page.text).toContain('PDF');
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('type="file"');
  });

  it('uploads an image and a PDF, lists them with remove links; only officers of that council can open them', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    const png = await upload(ann, id, PNG, 'photo.png');
    expect(png.status).toBe(302);
    expect(png.headers.location).toBe(`/submit/submissions/${id}/attachments`);
    expect((await upload(ann, id, PDF, 'report.pdf')).status).toBe(302);
    const stored = (await row(id)).attachments as { id: string; name: string }[];
    expect(stored.map((f) => f.name)).toEqual(['photo.png', 'report.pdf']);
    const page = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
    for (const f of stored) {
      expect(page.text).toContain(`href="/submit/submissions/${id}/attachments/${f.id}"`);
      expect(page.text).toContain(`href="/submit/submissions/${id}/attachments/${f.id}/remove"`);
    }
    const [photo, report] = stored.map((f) => `/submit/submissions/${id}/attachments/${f.id}`);
    const own = await ann.get(photo).expect(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(own.body as Buffer, PNG)).toBe(0);
    const pdf = await (await signedIn('amy@bristol.gov.uk')).get(report).expect(200); // a colleague at the council
    expect(pdf.headers['content-disposition']).toMatch(/^attachment/);

    const carol = await signedIn('carol@calderdale.gov.uk');
    const publicVisitor = supertest(app.baseUrl);
    for (const url of [photo, report, `/submit/submissions/${id}/attachments/${'ab'.repeat(16)}`]) {
      const other = await carol.get(url);
      expect(other.status).toBe(404);
      expect(other.text).toContain('Page not found');
      expect((await publicVisitor.get(url)).status).toBe(404);
    }
    expect((await ann.get(`/submit/submissions/${id}/attachments/${'ab'.repeat(16)}`)).status).toBe(404);
    expect((await carol.get(`/submit/submissions/${id}/attachments`)).status).toBe(404);
  });

  it('none chosen, a wrong type or a file too large: a GOV.UK error on the file input, nothing stored', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    const none = await upload(ann, id, null, '');
    expect(none.status).toBe(422);
    expect(errorLinks(none.text)).toEqual([['#file', 'Select a file to upload']]);
    expect(none.text).toContain('id="file-error"');

    const html = await upload(ann, id, Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png');
    expect(html.status).toBe(422);
    expect(errorLinks(html.text)).toEqual([['#file', 'The selected file must not be HTML, XML or SVG: attach a PDF or plain text instead']]);
    const binary = await upload(ann, id, Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 1, 2, 3, 0xff, 0xfe]), 'picture.gif');
    expect(binary.status).toBe(422);
    expect(errorLinks(binary.text)[0]).toEqual(['#file', expect.stringMatching(/^The selected file must be a PDF/)]);

    const { attachmentMaxBytes } = app.strapi.config.get('plugin::submissions') as Record<string, number>;
    const big = Buffer.concat([PDF, Buffer.alloc(attachmentMaxBytes + 1 - PDF.length, 0x20)]);
    const large = await upload(ann, id, big, 'big.pdf');
    expect(large.status).toBe(422);
    expect(errorLinks(large.text)).toEqual([['#file', `The selected file must be ${attachmentMaxBytes / 1024 / 1024} MB or smaller`]]);

    // Over the multipart parser's limit the post never reaches the page: it is sent back to the form.
    const huge = await upload(ann, id, Buffer.alloc(21 * 1024 * 1024, 0x20), 'huge.pdf');
    expect(huge.status).toBe(303);
    expect(huge.headers.location).toBe(`/submit/submissions/${id}/attachments?error=file-too-large`);
    const told = await ann.get(huge.headers.location);
    expect(errorLinks(told.text)).toEqual([['#file', `The selected file must be ${attachmentMaxBytes / 1024 / 1024} MB or smaller`]]);
    expect(told.text).toContain('id="file-error"');
    // Other councils' officers and the public learn nothing from the address.
    expect((await (await signedIn('carol@calderdale.gov.uk')).get(huge.headers.location)).status).toBe(404);
    expect((await row(id)).attachments ?? []).toEqual([]);
  });

  it('too many: the form says so and a post is refused, naming the limit', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    expect((await upload(ann, id, PDF, 'one.pdf')).status).toBe(302);
    const config = app.strapi.config as unknown as { get(k: string): number; set(k: string, v: unknown): void };
    const max = config.get('plugin::submissions.attachmentMaxCount');
    config.set('plugin::submissions.attachmentMaxCount', 1);
    try {
      const page = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
      expect(page.text).toContain('You have added 1 files, the most');
      expect(page.text).not.toContain('type="file"');
      const res = await upload(ann, id, PDF, 'two.pdf', csrfOf(page.text));
      expect(res.status).toBe(422);
      expect(errorLinks(res.text)).toEqual([['#file', 'You can upload up to 1 file: remove one before adding another']]);
      expect((await row(id)).attachments).toHaveLength(1);
    } finally {
      config.set('plugin::submissions.attachmentMaxCount', max);
    }
  });

  it('5 concurrent uploads through the site: every one kept, or its officer told 409; none lost silently', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    const csrf = csrfOf((await ann.get(`/submit/submissions/${id}/attachments`)).text);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => upload(ann, id, Buffer.concat([PDF, Buffer.from(`% ${n}\n`)]), `file-${n}.pdf`, csrf))
    );
    const kept = results.filter((r) => r.status === 302).length;
    for (const r of results.filter((res) => res.status !== 302)) {
      expect(r.status).toBe(409);
      expect(r.text).toContain('it was not saved');
    }
    const stored = (await row(id)).attachments as { name: string }[];
    expect(stored).toHaveLength(kept);
    expect(new Set(stored.map((f) => f.name)).size).toBe(kept);
    expect(kept).toBe(5); // the server retries an unpinned upload that lost a race
  });

  it('removes a file after confirming; a stale page is told 409 and nothing is removed', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    await upload(ann, id, PDF, 'old.pdf');
    const [file] = (await row(id)).attachments as { id: string }[];
    const confirm = await ann.get(`/submit/submissions/${id}/attachments/${file.id}/remove`).expect(200);
    expect(confirm.text).toContain('Are you sure you want to remove old.pdf?');
    const stale = await ann
      .post(`/submit/submissions/${id}/attachments/${file.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text), version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('nothing was removed');
    expect((await row(id)).attachments).toHaveLength(1);
    const version = String((await row(id)).version);
    await ann
      .post(`/submit/submissions/${id}/attachments/${file.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text), version })
      .expect(302);
    expect((await row(id)).attachments).toEqual([]);
  });

  it('the officer chooses an image as the cover; a PDF cannot be one', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    await upload(ann, id, PNG, 'cover.png');
    await upload(ann, id, PDF, 'doc.pdf');
    const [png, pdf] = (await row(id)).attachments as { id: string }[];
    const page = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
    expect(page.text).toContain(`value="${png.id}"`);
    expect(page.text).not.toContain(`value="${pdf.id}"`);
    const version = String((await row(id)).version);
    await ann
      .post(`/submit/submissions/${id}/attachments/cover`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version, cover: png.id })
      .expect(302);
    expect((await row(id)).coverAttachment).toBe(png.id);
    const wrong = await ann
      .post(`/submit/submissions/${id}/attachments/cover`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: String((await row(id)).version), cover: pdf.id });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('must be an image (PNG or JPEG)');
    expect((await row(id)).coverAttachment).toBe(png.id);
  });

  it('the first upload to a new case study creates its draft', async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const before = await count();
    const res = await upload(ann, 'new', PNG, 'first.png');
    expect(res.status).toBe(302);
    const id = idFrom(res.headers.location);
    expect(id).not.toBe('new');
    expect(await count()).toBe(before + 1);
    expect(((await row(id)).attachments as { name: string }[]).map((f) => f.name)).toEqual(['first.png']);
  });
});

describe('comments, paragraphs and after publication', () => {
  const step = inOrder();
  let ann: supertest.Agent;
  let id: string;
  const CHALLENGE = 'First line\nsecond line\n\nA second paragraph: costs & "savings"';
  const COMMENTS = {
    title: 'Say which council.',
    summary: 'Shorten the summary, please.',
    topics: 'Add a second topic?',
    supportTypes: 'Was there funding?',
    contact: 'Give a team mailbox.',
    attachments: 'A photo would help.',
    'answers.challenge': 'Give numbers for the challenge.',
  };
  const act = async (who: Caller, action: string, body: Record<string, unknown> = {}) => {
    const res = await editorAct(who, id, action, { version: (await row(id)).version, ...body });
    expect(res.status).toBe(200);
  };

  step('the officer completes a case study with a multi-line answer and submits it through the site', async () => {
    ann = await signedIn('ann@bristol.gov.uk');
    const answers = completeAnswers(topics);
    const created = await app.strapi
      .plugin('submissions')
      .service('councilApi')
      .create({ id: annId }, { ...answers, answers: { ...answers.answers, challenge: CHALLENGE } });
    id = created.id;
    // An image chosen as the cover, and a PDF: both become the case study's public media on publish.
    await upload(ann, id, PNG, 'cover.png');
    await upload(ann, id, PDF, 'report.pdf');
    const [png] = (await row(id)).attachments as { id: string }[];
    const files = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
    await ann
      .post(`/submit/submissions/${id}/attachments/cover`)
      .type('form')
      .send({ _csrf: csrfOf(files.text), version: String((await row(id)).version), cover: png.id })
      .expect(302);
    const check = await ann.get(`/submit/submissions/${id}/check`).expect(200);
    expect(check.text).toMatch(
      /<p class="govuk-body app-answer">First line<br>second line<\/p>\s*<p class="govuk-body app-answer">A second paragraph: costs &amp; &quot;savings&quot;<\/p>/
    );
    await ann.post(`/submit/submissions/${id}/check`).type('form').send({ _csrf: csrfOf(check.text), version: String((await row(id)).version) }).expect(302);
  });

  step('a reviewer comments on the title, summary, topics, support types, contact, attachments and a section', async () => {
    await act(reviewer, 'start_review');
    await act(reviewer, 'request_changes', { message: 'A few changes.\nThank you.', comments: COMMENTS });
  });

  step('the officer sees each comment beside its answer: task list, question page, check your answers', async () => {
    const tasks = await ann.get(`/submit/submissions/${id}`).expect(200);
    const item = (slug: string) => tasks.text.split(`href="/submit/submissions/${id}/${slug}"`)[1].split('</li>')[0];
    expect(item('summary')).toContain(COMMENTS.summary);
    expect(item('title')).toContain(COMMENTS.title);
    expect(item('topics')).toContain(COMMENTS.topics);
    expect(item('support-types')).toContain(COMMENTS.supportTypes);
    expect(item('contact')).toContain(COMMENTS.contact);
    expect(item('attachments')).toContain(COMMENTS.attachments);
    expect(item('challenge')).toContain(COMMENTS['answers.challenge']);
    expect(item('solution')).not.toContain("Reviewer's comment");
    expect(tasks.text).toContain('A few changes.<br>Thank you.');

    const summary = await ann.get(`/submit/submissions/${id}/summary`).expect(200);
    expect(summary.text).toContain(COMMENTS.summary);
    const files = await ann.get(`/submit/submissions/${id}/attachments`).expect(200);
    expect(files.text).toContain(COMMENTS.attachments);

    const check = await ann.get(`/submit/submissions/${id}/check`).expect(200);
    const rowOf = (title: string) => check.text.split(new RegExp(`<dt class="govuk-summary-list__key">\\s*${title}\\s*</dt>`))[1].split('</dd>')[0];
    expect(rowOf('Summary')).toContain(COMMENTS.summary);
    expect(rowOf('Title')).toContain(COMMENTS.title);
    expect(rowOf('Contact')).toContain(COMMENTS.contact);
    expect(rowOf('Support type')).toContain(COMMENTS.supportTypes);
    expect(rowOf('Topics')).toContain(COMMENTS.topics);
    expect(rowOf('Images and documents')).toContain(COMMENTS.attachments);
    expect(rowOf('The challenge')).toContain(COMMENTS['answers.challenge']);
  });

  step('the officer changes the summary and resubmits; the reviewer approves and a publisher publishes', async () => {
    const version = String((await row(id)).version);
    expect((await save(ann, `/submit/submissions/${id}/summary?change=1`, { version, summary: 'Shorter.\nTwo lines.' })).status).toBe(302);
    const check = await ann.get(`/submit/submissions/${id}/check`);
    await ann.post(`/submit/submissions/${id}/check`).type('form').send({ _csrf: csrfOf(check.text), version: String((await row(id)).version) }).expect(302);
    await act(reviewer, 'start_review');
    await act(reviewer, 'approve');
    await act(publisher, 'publish');
    expect((await row(id)).state).toBe('published');
  });

  step('the submission page says published, links to the live case study, and shows the feedback as history', async () => {
    const page = await ann.get(`/submit/submissions/${id}`).expect(200);
    expect(page.text).toContain('Your case study is published');
    const link = /href="(\/case-studies\/[a-z0-9-]+)"[^>]*>View the case study in the library/.exec(page.text);
    expect(link).not.toBeNull();
    expect(page.text).toContain('Earlier feedback');
    expect(page.text).toMatch(/<h3 class="govuk-heading-s">Changes requested, \d{1,2} [A-Z][a-z]+ \d{4}<\/h3>/);
    expect(page.text).toContain(COMMENTS.summary);
    expect(page.text).not.toContain('The reviewer has asked for changes');
    expect(page.text).not.toContain("Reviewer's comment");
    expect(page.text).toContain('<p class="govuk-body app-answer">Shorter.<br>Two lines.</p>');

    const live = await supertest(app.baseUrl).get(link![1]).expect(200);
    expect(live.text).toContain('<p class="govuk-body-l">Shorter.<br>Two lines.</p>');
    expect(live.text).toContain('<p class="govuk-body">First line<br>second line</p>');
    expect(live.text).toContain('<p class="govuk-body">A second paragraph: costs &amp; &quot;savings&quot;</p>');
    // The chosen image is the public cover; the PDF is listed as a document; both are served.
    const cover = /<img class="app-cover-image" src="(\/uploads\/[^"]+\.png)" alt="">/.exec(live.text);
    expect(cover).not.toBeNull();
    const document = /<a class="govuk-link" href="(\/uploads\/[^"]+\.pdf)">report.pdf<\/a> <span class="govuk-body-s">\(PDF, \d/.exec(live.text);
    expect(document).not.toBeNull();
    const image = await supertest(app.baseUrl).get(cover![1]).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    await supertest(app.baseUrl).get(document![1]).expect(200);
  });

  step('after archive: says archived, no link to the library, the feedback still history', async () => {
    await act(publisher, 'archive', { message: 'Out of date.' });
    const page = await ann.get(`/submit/submissions/${id}`).expect(200);
    expect(page.text).toContain('has since been archived');
    expect(page.text).not.toContain('View the case study in the library');
    expect(page.text).toContain('Earlier feedback');
    expect(page.text).toContain(COMMENTS.summary);
    expect(page.text).not.toContain("Reviewer's comment");
  });
});
