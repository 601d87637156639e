/**
 * The editors' review desk, in Debian's Chromium against a listening Strapi (compiled admin in dist/build):
 * a Reviewer takes a submission from the queue, asks for changes on a section, sees what the council
 * changed and approves; a Publisher publishes it to the public API. A Reviewer never gets a Publish button.
 */
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowser, startListeningApp, type ListeningApp } from '../../helpers/browser';
import {
  completeAnswers,
  councilAct,
  councilOfficer,
  editor,
  editorAct,
  PASSWORD,
  topicIds,
  type Caller,
} from '../../submissions/world';

let app: ListeningApp;
let browser: Browser;
let council: Caller;
let reviewerApi: Caller;
let publisherApi: Caller;

beforeAll(async () => {
  app = await startListeningApp('browser_review_desk');
  browser = await launchBrowser();
  council = await councilOfficer(app, 'alice@bristol.gov.uk');
  reviewerApi = await editor(app, 'rita.reviewer@lga.test', 'Reviewer');
  publisherApi = await editor(app, 'paul.publisher@lga.test', 'Publisher');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto(`${app.baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
  return page;
}

/** Clicks an action button in the page header, fills what the dialog asks, and confirms. */
async function act(page: Page, label: string, fill: Record<string, string> = {}) {
  await page.getByRole('button', { name: label, exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  for (const [field, text] of Object.entries(fill)) await dialog.getByLabel(field).fill(text);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Into test-artifacts/; the README's copies in docs/screenshots are taken from there by hand. */
const saveScreenshot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath(name), fullPage: true });

it('takes a council submission through review in the admin panel to a published case study', async () => {
  // A council sends a case study in through the API.
  const created = await council.post(
    '/api/submissions',
    completeAnswers(await topicIds(app, 'children-and-young-people'))
  );
  expect(created.status).toBe(201);
  const { id } = created.body.data;
  expect((await councilAct(council, id, 'submit', { version: created.body.data.version })).status).toBe(200);

  // The Reviewer (not a super admin) finds it in the queue.
  const reviewer = await signIn('rita.reviewer@lga.test');
  await reviewer.getByRole('link', { name: 'Submissions' }).first().click();
  const row = reviewer.getByRole('row', { name: /Bristol City Council: reading together/ });
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/Bristol City Council.*Submitted.*Nobody.*today/);
  await expect(reviewer.getByRole('tab', { name: 'Submitted (1)' }).count()).resolves.toBe(1);
  await reviewer.getByPlaceholder('Search by title or council').fill('no such council');
  await reviewer.keyboard.press('Enter');
  await reviewer.getByText('Nothing here.').waitFor();
  await reviewer.getByPlaceholder('Search by title or council').fill('bristol');
  await reviewer.keyboard.press('Enter');
  await row.waitFor();
  await saveScreenshot(reviewer, 'review-desk-queue.png');

  // It opens with the answers by section; the reviewer takes it and asks for changes on one section.
  await row.getByRole('link').click();
  await reviewer.getByRole('heading', { name: 'The challenge' }).waitFor();
  await expect(reviewer.getByRole('button', { name: 'Publish' }).count()).resolves.toBe(0);
  await act(reviewer, 'Start review');
  await act(reviewer, 'Request changes', {
    'Message to the council': 'Nearly there: please add figures.',
    'Comment on “The impact”': 'How many families took part?',
  });
  await reviewer.getByText('Changes requested', { exact: true }).first().waitFor();
  await reviewer.getByText('How many families took part?').first().waitFor();

  // The council edits that section and resubmits, through the API.
  const feedback = await council.get(`/api/submissions/${id}`);
  expect(feedback.body.data.feedback.sectionComments).toEqual({ impact: 'How many families took part?' });
  const edited = await council.put(`/api/submissions/${id}`, {
    version: feedback.body.data.version,
    answers: { impact: '412 families took part; borrowing rose by a third.' },
  });
  expect(edited.status).toBe(200);
  expect((await councilAct(council, id, 'submit', { version: edited.body.data.version })).status).toBe(200);

  // The reviewer sees what changed since the previous round, beside their comment, and approves.
  await reviewer.reload();
  const comparison = reviewer.getByRole('region', { name: 'Changes since the previous round' });
  await comparison.waitFor();
  const impact = comparison.locator('[data-changed-field="impact"]');
  await expect(impact.textContent()).resolves.toMatch(
    /How many families took part\?.*Borrowing by under-12s rose by a third in a year\..*412 families took part/
  );
  await expect(comparison.locator('[data-changed-field]').count()).resolves.toBe(1);
  await act(reviewer, 'Start review');
  await saveScreenshot(reviewer, 'review-desk-submission.png');
  await act(reviewer, 'Approve');
  await reviewer.getByText('Approved', { exact: true }).first().waitFor();

  // A Reviewer has no Publish button, and the server refuses the route too.
  await expect(reviewer.getByRole('button', { name: 'Publish' }).count()).resolves.toBe(0);
  const version = (await reviewerApi.get(`/submissions/items/${id}`)).body.data.version;
  expect((await editorAct(reviewerApi, id, 'publish', { version })).status).toBe(403);

  // Back in the queue, "Assigned to me" finds it among the reviewer's own.
  await reviewer.getByRole('link', { name: 'Back to the queue' }).click();
  await reviewer.getByRole('checkbox', { name: 'Assigned to me' }).click();
  await reviewer.waitForURL(/assignee=me/);
  await reviewer.getByRole('row', { name: /reading together.*Approved.*Reviewer rita\.reviewer/ }).waitFor();

  // A Publisher publishes it; the case study is live on the public API and linked from the submission.
  const publisher = await signIn('paul.publisher@lga.test');
  await publisher.goto(`${app.baseUrl}/admin/plugins/submissions/${id}`);
  await act(publisher, 'Publish');
  await publisher.getByRole('link', { name: 'Open the case study in the content manager' }).waitFor();
  const live = await app
    .http()
    .get('/api/case-studies?filters[title][$eq]=Bristol City Council: reading together');
  expect(live.body.data).toHaveLength(1);
  expect(live.body.data[0].summary).toContain('reading programme');

  // The link opens the case study in the content manager, whose side panel links back to the submission.
  await publisher.getByRole('link', { name: 'Open the case study in the content manager' }).click();
  await publisher.getByRole('link', { name: 'Open the submission and its history' }).waitFor();
});

it('lets a Publisher edit the template and the workflow settings, and shows the waiting count on the homepage', async () => {
  const draft = await council.post('/api/submissions', {
    ...completeAnswers(await topicIds(app, 'prevent')),
    title: 'Bristol City Council: a second case study',
  });
  expect(
    (await councilAct(council, draft.body.data.id, 'submit', { version: draft.body.data.version })).status
  ).toBe(200);

  const publisher = await signIn('paul.publisher@lga.test');
  const widget = publisher.getByRole('link', { name: 'Waiting for a reviewer' });
  await widget.waitFor();
  await expect(widget.locator('xpath=..').textContent()).resolves.toMatch(/Waiting for a reviewer\s*1$/);
  await saveScreenshot(publisher, 'review-desk-homepage.png');

  // A new section, moved up one place, published as version 2.
  await publisher.goto(`${app.baseUrl}/admin/settings/submissions/template`);
  await publisher.getByRole('button', { name: 'Add a section' }).click();
  const added = publisher.locator('fieldset').last();
  await expect(added.getAttribute('aria-label')).resolves.toBe('New section');
  await added.getByLabel('Title').fill('What it cost');
  await added.getByLabel('Key').fill('costs');
  await added.getByLabel('Guidance for the council officer').fill('Staff time and money, roughly.');
  await publisher
    .getByRole('group', { name: 'What it cost' })
    .getByRole('button', { name: 'Move up' })
    .click();
  await saveScreenshot(publisher, 'review-desk-template.png');
  await publisher.getByRole('button', { name: 'Publish version 2' }).click();
  await publisher.getByRole('button', { name: 'Publish version 3' }).waitFor();
  const template = (await app.http().get('/api/submissions/template')).body.data;
  expect(template.version).toBe(2);
  expect(template.sections.map((s: { key: string }) => s.key)).toEqual([
    'introduction',
    'challenge',
    'solution',
    'impact',
    'sustained',
    'costs',
    'lessons',
  ]);
  expect(template.sections[5]).toMatchObject({ title: 'What it cost', required: false, wordLimit: 300 });

  // Workflow settings: single-person publishing and who hears of new submissions.
  await publisher.goto(`${app.baseUrl}/admin/settings/submissions/workflow`);
  await publisher.getByRole('checkbox', { name: 'Allow single-person publishing' }).click();
  await publisher.getByLabel('Reviewer notification addresses').fill('desk@lga.test\nrita.reviewer@lga.test');
  await publisher.getByRole('button', { name: 'Save' }).click();
  await publisher.getByText('Settings saved').waitFor();
  expect((await publisherApi.get('/submissions/settings')).body.data).toEqual({
    singlePersonPublishing: true,
    reviewerEmails: ['desk@lga.test', 'rita.reviewer@lga.test'],
  });
  expect((await reviewerApi.get('/submissions/settings')).status).toBe(403);

  // A Reviewer may open neither settings page.
  const reviewer = await signIn('rita.reviewer@lga.test');
  for (const settingsPage of ['template', 'workflow']) {
    await reviewer.goto(`${app.baseUrl}/admin/settings/submissions/${settingsPage}`);
    await reviewer.getByText("You don't have the permissions to access that content").waitFor();
  }
  await expect(reviewer.getByRole('link', { name: 'Case study template' }).count()).resolves.toBe(0);
});
