import { createHash, randomBytes } from 'crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchBrowser, startListeningApp, type ListeningApp } from '../../helpers/browser';
import {
  createOfficer,
  editorAction,
  editorToken,
  expectedSlugs,
  PASSWORD,
  requestChanges,
  reviewerToken,
} from '../../site/council-helpers';
import { startSmtpServer, type SmtpServer } from '../../helpers/smtp';
import { PDF, PNG } from '../../helpers/office-files';

let app: ListeningApp;
let browser: Browser;
let mailbox: SmtpServer;
let sections: { key: string; title: string; wordLimit: number }[];

beforeAll(async () => {
  mailbox = await startSmtpServer();
  app = await startListeningApp('council-journey', { ...mailbox.env, SITE_ORGANISATION: 'the Local Government Association' });
  browser = await launchBrowser();
  sections = (await (await fetch(`${app.baseUrl}/api/submissions/template`)).json()).data.sections;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await mailbox?.close();
});

/** axe-core (WCAG 2.2 A and AA) on the page as it is now; a screenshot when named. */
async function audit(page: Page, screenshot?: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(violations.map((v) => `${page.url()}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
    []
  );
  expect(await page.locator('h1').count()).toBe(1);
  if (screenshot) await page.screenshot({ path: artifactPath(`council-${screenshot}.png`), fullPage: true });
}

/**
 * Links in emails carry the PUBLIC_URL the app booted with; the test app then listens on a free port
 * (tests/helpers/browser.ts), so follow each link's path and query on this server.
 */
const onThisServer = (link: string) => {
  const url = new URL(link, app.baseUrl);
  return `${app.baseUrl}${url.pathname}${url.search}`;
};


/** "Images and documents": an image and a PDF, each through the multipart form (no JavaScript needed). */
async function uploadFiles(page: Page, audits: boolean) {
  // None chosen: the error summary links to the file input.
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.locator('.govuk-error-summary a[href="#file"]').textContent()).resolves.toMatch(/Select a file to upload/);
  if (audits) await audit(page, 'attachments-error');
  for (const file of [
    { name: 'reading-club.png', mimeType: 'image/png', buffer: PNG },
    { name: 'evaluation.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]) {
    await page.setInputFiles('#file', file);
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.waitForURL(/\/attachments$/);
  }
  await expect(page.locator('.app-files').textContent()).resolves.toMatch(/reading-club\.png[\s\S]*evaluation\.pdf/);
  await page.getByLabel('reading-club.png').check();
  await page.getByRole('button', { name: 'Save cover image' }).click();
  await expect(page.locator('.app-files').textContent()).resolves.toMatch(/cover image/);
  if (audits) await audit(page, 'attachments');
  await page.getByRole('button', { name: 'Continue' }).click();
}

const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');

/** Answers the question on the current page, whichever it is, from the last part of its URL. */
async function answer(page: Page) {
  const step = new URL(page.url()).pathname.split('/').pop()!;
  if (step === 'title') await page.fill('#title', 'Bristol City Council: a library of good practice');
  else if (step === 'summary')
    await page.fill('#summary', 'We gathered what worked and shared it with every team.');
  else if (step === 'topics') await page.getByLabel('Prevent and counter-extremism', { exact: true }).check();
  else if (step === 'support-types') await page.getByLabel('Funding and grants', { exact: true }).check();
  else if (step === 'contact') {
    await page.fill('#name', 'Ann Officer');
    await page.fill('#role', 'Policy officer');
    await page.fill('#email', 'ann.officer@bristol.gov.uk');
  } else await page.fill('#answer', `Our answer about ${step}. ${words(20)}`);
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${app.baseUrl}/submit/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/submit\/submissions$/);
}

/** From the task list's first task, every question in turn until check your answers; signs out once part way. */
async function fillEverySection(page: Page, email: string, password: string, audits: boolean) {
  await page.getByRole('link', { name: 'Title', exact: true }).click();
  let signedOutOnce = false;
  while (!page.url().endsWith('/check')) {
    const step = new URL(page.url()).pathname.split('/').pop()!;
    if (step === 'challenge') {
      // Too long: the error summary names it, its link leads to the field, and the fix saves.
      await page.fill('#answer', words(sections.find((s) => s.key === 'challenge')!.wordLimit + 1));
      await page.getByRole('button', { name: 'Save and continue' }).click();
      expect(page.url()).toMatch(/\/challenge$/);
      await expect(page.title()).resolves.toMatch(/^Error: /);
      const link = page.locator('.govuk-error-summary a[href="#answer"]');
      await expect(link.textContent()).resolves.toMatch(/words or fewer/);
      if (audits) await audit(page, 'question-error');
      await link.click();
      if (audits) expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');
    }
    if (audits && step === 'impact') await audit(page, 'question');
    if (step === 'attachments') {
      await uploadFiles(page, audits);
      continue;
    }
    await answer(page);
    if (!signedOutOnce && step === 'support-types') {
      // The first sitting ends here: sign out, sign back in, carry on from the task list.
      signedOutOnce = true;
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/submit\?signedOut=1$/);
      await signIn(page, email, password);
      await page.getByRole('link', { name: /library of good practice/ }).click();
      await expect(page.locator('.govuk-task-list').first().textContent()).resolves.toMatch(/Completed/);
      await expect(page.locator('.app-progress').textContent()).resolves.toMatch(/You have completed 3 of \d+ sections/);
      const first = sections[0] as { title: string; required?: boolean };
      await page.getByRole('link', { name: first.required ? first.title : `${first.title} (optional)`, exact: true }).click();
    }
  }
}

async function submitFromCheck(page: Page, audits: boolean) {
  if (audits) await audit(page, 'check-answers');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForURL(/\/confirmation$/);
  const reference = (await page.locator('.govuk-panel strong').textContent())!.trim();
  expect(reference).not.toBe('');
  if (audits) await audit(page, 'confirmation');
  return reference;
}

test('an officer registers, confirms by email, fills every section in two sittings, submits, then acts on requested changes', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = 'ann@bristol.gov.uk';
  await page.goto(`${app.baseUrl}/submit`);
  await audit(page, 'start');
  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await page.getByRole('button', { name: 'Create account' }).click();
  await audit(page, 'create-account-errors');
  await page.fill('#email', 'someone@example.com');
  await page.fill('#password', PASSWORD);
  await page.fill('#confirmPassword', PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/council/);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.fill('#confirmPassword', PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Check your email');
  await audit(page);

  // Signing in before confirming is refused; the emailed link confirms.
  await page.goto(`${app.baseUrl}/submit/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Confirm your email/);
  await audit(page, 'sign-in-error');
  const confirmLink = onThisServer(await mailbox.link(email, /confirm/i, /\/submit\/confirm\?token=/));
  const confirm = await fetch(confirmLink, {
    redirect: 'manual',
  });
  expect(confirm.headers.get('location')).toMatch(/\/submit\/sign-in\?confirmed=1$/);
  await page.goto(onThisServer(confirm.headers.get('location')!));
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/confirmed/);
  await audit(page, 'sign-in');

  // The link a second time: a page that says so and offers a new one; the resend page; an expired link.
  await page.goto(confirmLink);
  await expect(page.locator('h1').textContent()).resolves.toMatch(/already been used/);
  await audit(page, 'confirm-link-used');
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await page.waitForURL(/\/submit\/resend-confirmation$/);
  await audit(page, 'resend-confirmation');
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await audit(page, 'resend-confirmation-error');
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Check your email');
  await audit(page);
  const late = 'late@bristol.gov.uk';
  await app.strapi.plugin('users-permissions').service('user').add({ username: late, email: late, password: PASSWORD, provider: 'local', confirmed: false, blocked: false });
  const token = `${(Math.floor(Date.now() / 1000) - 60).toString(36)}.${randomBytes(24).toString('base64url')}`;
  await app.strapi.db
    .query('plugin::users-permissions.user')
    .update({ where: { email: late }, data: { confirmationToken: createHash('sha256').update(token).digest('hex') } });
  await page.goto(`${app.baseUrl}/submit/confirm?token=${token}`);
  await expect(page.locator('h1').textContent()).resolves.toBe('This link has expired');
  await audit(page, 'confirm-link-expired');

  await signIn(page, email);
  await audit(page, 'submissions');
  await page.getByRole('button', { name: 'Start a new case study' }).click();
  await audit(page, 'task-list');
  await fillEverySection(page, email, PASSWORD, true);
  const reference = await submitFromCheck(page, true);

  // A reviewer asks for changes, with a comment on the impact.
  const id = (await app.strapi.db.query('plugin::submissions.submission').findOne({ where: { reference } }))
    .documentId;
  const reviewer = await reviewerToken(app.strapi, app.baseUrl);
  await requestChanges(app.baseUrl, reviewer, id, {
    'answers.impact': 'How many people did it reach?',
    summary: 'Say how many families in the summary too.',
  });

  await page.goto(`${app.baseUrl}/submit/submissions`);
  await expect(page.locator('table').textContent()).resolves.toMatch(/Changes requested/);
  await page.getByRole('link', { name: /library of good practice/ }).click();
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(
    /Please give numbers for the impact/
  );
  await expect(page.locator('.govuk-task-list').nth(1).textContent()).resolves.toMatch(
    /How many people did it reach\?/
  );
  // Beside the summary, in the first group of the task list.
  await expect(
    page.locator('.govuk-task-list__item', { hasText: 'Summary' }).first().textContent()
  ).resolves.toMatch(/Say how many families in the summary too\./);
  await audit(page, 'changes-requested');
  await page.getByRole('link', { name: 'The impact', exact: true }).click();
  await expect(page.locator('.govuk-inset-text').textContent()).resolves.toMatch(
    /How many people did it reach/
  );
  await audit(page);
  await page.fill('#answer', 'It reached 1,200 families in its first year.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.goto(`${app.baseUrl}/submit/submissions/${id}/check`);
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/1,200 families/);
  await submitFromCheck(page, false);
  const after = await fetch(`${app.baseUrl}/submissions/items/${id}`, {
    headers: { Authorization: `Bearer ${await reviewerToken(app.strapi, app.baseUrl)}` },
  });
  expect((await after.json()).data.state).toBe('submitted');

  // Approved and published: the officer's page says so and links to the live case study.
  await editorAction(app.baseUrl, reviewer, id, 'start_review');
  await editorAction(app.baseUrl, reviewer, id, 'approve');
  const publisher = await editorToken(app.strapi, app.baseUrl, 'Publisher');
  await editorAction(app.baseUrl, publisher, id, 'publish');
  await page.goto(`${app.baseUrl}/submit/submissions/${id}`);
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Your case study is published/);
  await expect(page.locator('body').textContent()).resolves.toMatch(/Earlier feedback[\s\S]*How many people did it reach/);
  await audit(page, 'published');
  await page.getByRole('link', { name: 'View the case study in the library' }).click();
  await page.waitForURL(/\/case-studies\/[a-z0-9-]+$/);
  await expect(page.locator('h1').textContent()).resolves.toMatch(/library of good practice/);
  await audit(page, 'published-case-study');
  // Archived (which also keeps the library test's counts to the sample data): said so, no link.
  await editorAction(app.baseUrl, publisher, id, 'archive', { message: 'Superseded by a newer case study.' });
  await page.goto(`${app.baseUrl}/submit/submissions/${id}`);
  await expect(page.locator('.govuk-inset-text').first().textContent()).resolves.toMatch(/has since been archived/);
  expect(await page.getByRole('link', { name: 'View the case study in the library' }).count()).toBe(0);
  await audit(page, 'archived');

  // Forgotten password: the emailed link sets a new one and signs in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`${app.baseUrl}/submit/forgot-password`);
  await audit(page);
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Send link' }).click();
  await page.goto(onThisServer(await mailbox.link(email, /password/i, /reset-password\?code=/)));
  await audit(page, 'reset-password');
  await page.fill('#password', 'A-new-password-42');
  await page.fill('#confirmPassword', 'A-new-password-42');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.waitForURL(/\/submit\/submissions$/);
  await context.close();
}, 300_000);

test('the same submission with JavaScript turned off, and a withdrawal', async () => {
  const email = 'nojs@calderdale.gov.uk'; // another council: colleagues at one council share their drafts
  await createOfficer(app.strapi, email);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Keyboard only: tab to the fields, type, press Enter.
  await page.goto(`${app.baseUrl}/submit/sign-in`);
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'email'; i++)
    await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/submit\/submissions$/);
  await page.getByRole('button', { name: 'Start a new case study' }).click();
  await fillEverySection(page, email, PASSWORD, false);
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/Ann Officer/);
  const reference = await submitFromCheck(page, false);
  await page.goto(`${app.baseUrl}/submit/submissions`);
  await expect(page.locator('table').textContent()).resolves.toContain(reference);

  await page.getByRole('link', { name: /library of good practice/ }).click();
  await page.getByRole('link', { name: 'Withdraw this case study' }).click();
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
    `${reference} has been withdrawn`
  );
  await expect(page.locator('table').textContent()).resolves.toMatch(/Withdrawn/);
  await context.close();
});

test('the library: filters and keyword give the expected case studies and count', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/case-studies`);
  await expect(page.locator('#result-count').textContent()).resolves.toBe(
    `Your search returned ${expectedSlugs({}).length} results`
  );
  // The service's own header and footer: its name and the organisation that runs it, no GOV.UK crown.
  await expect(page.locator('header').textContent()).resolves.toContain('Local government case studies');
  await expect(page.locator('footer').textContent()).resolves.toContain('run by the Local Government Association');
  expect(await page.locator('.govuk-header, .govuk-footer__crown, .govuk-logo').count()).toBe(0);
  await audit(page, 'library');
  // The library's labels carry their counts: "Prevent and counter-extremism (7)".
  await page.getByLabel(/Prevent and counter-extremism \(\d+\)/).check();
  await page.getByLabel(/Partnership working \(\d+\)/).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const filtered = expectedSlugs({ topics: ['prevent'], supportTypes: ['partnership-working'] });
  await expect(page.locator('#result-count').textContent()).resolves.toBe(
    `Your search returned ${filtered.length} result${filtered.length === 1 ? '' : 's'}`
  );
  await audit(page, 'library-filtered');
  await page.goto(`${app.baseUrl}/case-studies`);
  await page.fill('#q', 'taxi');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const [slug] = expectedSlugs({ q: 'taxi' });
  await expect(page.locator('#result-count').textContent()).resolves.toBe('Your search for ‘taxi’ returned 1 result');
  // The result's link carries the search, for "Back to results".
  await page.locator(`a[href^="/case-studies/${slug}?back="]`).click();
  await audit(page, 'case-study');
  await context.close();
});
