/**
 * The editors' review desk, in Debian's Chromium against a listening Strapi (compiled admin in dist/build):
 * a Reviewer takes a submission from the queue, comments beside the summary and a section, sees the words
 * the council changed and approves with a cover image; a Publisher publishes it to the public API with that
 * cover. A Reviewer never gets a Publish button. axe checks our screens; the queue's speed is measured.
 */
import fs from 'fs';
import os from 'os';
import AxeBuilder from '@axe-core/playwright';
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
import { PNG } from '../../helpers/office-files';

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

/**
 * axe-core (WCAG 2.2 A and AA) on our screens: the page's <main>, which is all ours. Strapi's own
 * chrome (the menu around it) is audited once, on the queue, and its findings reported, not asserted.
 */
async function audit(page: Page, label: string) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const ours = await new AxeBuilder({ page }).include('main').withTags(tags).analyze();
  expect(ours.violations.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
    []
  );
  if (label !== 'queue') return;
  const chrome = await new AxeBuilder({ page }).exclude('main').withTags(tags).analyze();
  strapiChrome.push(...chrome.violations.map((v) => `${label}: ${v.id} (${v.impact}) × ${v.nodes.length}`));
  console.log(`axe outside our screens (Strapi's own chrome): ${strapiChrome.join('; ') || 'no violations'}`);
}
const strapiChrome: string[] = [];

const attach = (id: string, content: Buffer, filename: string, contentType: string) =>
  app
    .http()
    .post(`/api/submissions/${id}/attachments`)
    .set('Authorization', `Bearer ${council.token}`)
    .attach('file', content, { filename, contentType });

/** From the click on "Submissions" in the menu to the first row drawn, timed inside the page. */
async function timeQueue(page: Page, rowText: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { clickAt?: number };
    w.clickAt = undefined;
    document.addEventListener('click', () => (w.clickAt ??= performance.now()), {
      capture: true,
      once: true,
    });
  });
  await page.getByRole('link', { name: 'Submissions' }).first().click();
  const rowAt = await page
    .waitForFunction(
      (text) =>
        [...document.querySelectorAll('tbody tr a')].some((a) => a.textContent?.includes(text)) &&
        performance.now(),
      rowText,
      { polling: 'raf' }
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
  return Math.round(rowAt - (await page.evaluate(() => (window as unknown as { clickAt: number }).clickAt)));
}

it('takes a council submission through review in the admin panel to a published case study', async () => {
  // A council sends a case study in through the API, with a photo and a PDF.
  const created = await council.post(
    '/api/submissions',
    completeAnswers(await topicIds(app, 'children-and-young-people'))
  );
  expect(created.status).toBe(201);
  const { id } = created.body.data;
  expect((await attach(id, PNG, 'reading-club.png', 'image/png')).status).toBe(201);
  expect(
    (await attach(id, Buffer.from('%PDF-1.4\n%%EOF\n'), 'evaluation.pdf', 'application/pdf')).status
  ).toBe(201);
  expect((await councilAct(council, id, 'submit', { version: 3 })).status).toBe(200);

  // The Reviewer (not a super admin) finds it in the queue; how long the rows take is measured.
  const reviewer = await signIn('rita.reviewer@lga.test');
  const timings: number[] = [];
  for (let round = 0; round < 3; round++) {
    if (round > 0) await reviewer.goto(`${app.baseUrl}/admin`);
    await reviewer.getByRole('link', { name: 'Submissions' }).first().waitFor();
    timings.push(await timeQueue(reviewer, 'Bristol City Council: reading together'));
  }
  const load = os.loadavg()[0].toFixed(2);
  console.log(`Queue rows after the menu click: ${timings.join(', ')} ms (load average ${load})`);
  fs.writeFileSync(
    artifactPath('queue-timing.json'),
    JSON.stringify({ clickToRowsMs: timings, loadAverage: load })
  );

  const row = reviewer.getByRole('row', { name: /Bristol City Council: reading together/ });
  await expect(row.textContent()).resolves.toMatch(/Bristol City Council.*Submitted.*Nobody.*today/);
  await expect(reviewer.getByRole('tab', { name: 'Submitted (1)' }).count()).resolves.toBe(1);
  await audit(reviewer, 'queue');
  await reviewer.getByPlaceholder('Search by title or council').fill('no such council');
  await reviewer.keyboard.press('Enter');
  await reviewer.getByText('Nothing here.').waitFor();
  await reviewer.getByPlaceholder('Search by title or council').fill('bristol');
  await reviewer.keyboard.press('Enter');
  await row.waitFor();
  await saveScreenshot(reviewer, 'review-desk-queue.png');

  // It opens with every answer; Start review acts at once, with no dialog.
  await row.getByRole('link').click();
  await reviewer.getByRole('heading', { name: 'The challenge' }).waitFor();
  await expect(reviewer.getByRole('button', { name: 'Publish' }).count()).resolves.toBe(0);
  await audit(reviewer, 'submission');
  await reviewer.getByRole('button', { name: 'Start review', exact: true }).click();
  await expect(reviewer.getByRole('dialog').count()).resolves.toBe(0);

  // Comments are written beside the answers they are about: the summary and a section.
  const summary = reviewer.getByRole('region', { name: 'Summary' });
  await summary.getByLabel('Comment on “Summary”').fill('Say how many families.');
  await expect(summary.textContent()).resolves.toContain('reached families who had never borrowed a book');
  const impact = reviewer.getByRole('region', { name: 'The impact' });
  await impact.getByLabel('Comment on “The impact”').fill('How many families took part?');
  await audit(reviewer, 'submission in review');
  await reviewer.getByRole('button', { name: 'Request changes', exact: true }).first().click();
  const dialog = reviewer.getByRole('dialog');
  await expect(dialog.textContent()).resolves.toMatch(
    /With your comments on 2 answers.*Summary:.*The impact:/
  );
  await dialog.getByLabel('Message to the council').fill('Nearly there: please add figures.');
  await dialog.getByRole('button', { name: 'Request changes', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await reviewer.getByText('Changes requested', { exact: true }).first().waitFor();

  // The council gets both comments keyed by question, edits those answers and resubmits.
  const feedback = await council.get(`/api/submissions/${id}`);
  expect(feedback.body.data.feedback.comments).toEqual({
    summary: 'Say how many families.',
    'answers.impact': 'How many families took part?',
  });
  const edited = await council.put(`/api/submissions/${id}`, {
    version: feedback.body.data.version,
    summary:
      'Libraries and schools ran a reading programme that reached 412 families who had never borrowed a book.',
    answers: { impact: '412 families took part; borrowing rose by a third.' },
  });
  expect(edited.status).toBe(200);
  expect((await councilAct(council, id, 'submit', { version: edited.body.data.version })).status).toBe(200);

  // The reviewer sees the words that changed inside each answer, beside their comment.
  await reviewer.reload();
  const comparison = reviewer.getByRole('region', { name: 'Changes since the previous round' });
  await comparison.waitFor();
  await expect(comparison.locator('[data-changed-field]').count()).resolves.toBe(2);
  const changedSummary = comparison.locator('[data-changed-field="summary"]');
  await expect(changedSummary.locator('ins').textContent()).resolves.toMatch(/^\[added: 412\s*\]$/);
  await expect(changedSummary.textContent()).resolves.toContain('Say how many families.');
  const changedImpact = comparison.locator('[data-changed-field="answers.impact"]');
  await expect(changedImpact.locator('del').first().textContent()).resolves.toMatch(/^\[removed: /);
  await expect(changedImpact.locator('ins').first().textContent()).resolves.toMatch(/^\[added: /);
  await expect(changedImpact.textContent()).resolves.toContain('How many families took part?');
  await audit(reviewer, 'round comparison');

  // Another review; the reviewer chooses the cover image and approves.
  await reviewer.getByRole('button', { name: 'Start review', exact: true }).click();
  await reviewer.getByRole('button', { name: 'Use as cover: reading-club.png' }).click();
  await reviewer.getByRole('button', { name: 'Remove as cover: reading-club.png' }).waitFor();
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

  // A Publisher publishes it with the cover; the case study is live with it, and linked from the submission.
  const publisher = await signIn('paul.publisher@lga.test');
  await publisher.goto(`${app.baseUrl}/admin/plugins/submissions/${id}`);
  await publisher.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publisher.getByRole('dialog').textContent()).resolves.toContain(
    'Cover image: reading-club.png.'
  );
  await publisher.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click();
  await publisher.getByRole('link', { name: 'Open the case study in the content manager' }).waitFor();
  const live = await app
    .http()
    .get(
      '/api/case-studies?filters[title][$eq]=Bristol City Council: reading together&populate[0]=coverImage&populate[1]=attachments'
    );
  expect(live.body.data).toHaveLength(1);
  expect(live.body.data[0].summary).toContain('412 families');
  expect(live.body.data[0].coverImage).toMatchObject({ name: 'reading-club.png', mime: 'image/png' });
  expect(live.body.data[0].attachments.map((a: { name: string }) => a.name)).toEqual(['evaluation.pdf']);
  expect((await app.http().get(live.body.data[0].coverImage.url)).status).toBe(200);
  const view = (await council.get(`/api/submissions/${id}`)).body.data;
  expect(view.caseStudy.url).toBe(`${app.baseUrl}/case-studies/${live.body.data[0].slug}`);
  await publisher.getByRole('link', { name: view.caseStudy.url }).waitFor();
  await audit(publisher, 'published submission');

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
