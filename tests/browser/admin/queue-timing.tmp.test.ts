import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startListeningApp, type ListeningApp } from '../../helpers/browser';
import { completeAnswers, councilAct, councilOfficer, editor, PASSWORD, topicIds } from '../../submissions/world';

let app: ListeningApp;
let browser: Browser;
beforeAll(async () => {
  app = await startListeningApp('browser_queue_timing');
  browser = await launchBrowser();
  const council = await councilOfficer(app, 'alice@bristol.gov.uk');
  await editor(app, 'rita.reviewer@lga.test', 'Reviewer');
  const topics = await topicIds(app, 'children-and-young-people');
  for (let i = 0; i < 12; i++) {
    const c = await council.post('/api/submissions', { ...completeAnswers(topics), title: `Bristol City Council: study ${i}` });
    await councilAct(council, c.body.data.id, 'submit', { version: 1 });
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto(`${app.baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', 'rita.reviewer@lga.test');
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
  return page;
}

const firstRowAt = (page: Page) =>
  page
    .waitForFunction(
      () => {
        const link = [...document.querySelectorAll('tbody tr a')].find((a) => a.textContent?.includes('study 3'));
        return link ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 30_000 }
    )
    .then((h) => h.jsonValue() as Promise<number>);

const resources = (page: Page, since: number) =>
  page.evaluate(
    (s) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime >= s)
        .map((e) => `${Math.round(e.startTime - s)}-${Math.round((e as PerformanceResourceTiming).responseEnd - s)} ${e.name.replace(/^https?:\/\/[^/]+/, '')}`),
    since
  );

it('measures', async () => {
  const page = await signIn();
  await page.getByRole('link', { name: 'Submissions' }).first().waitFor();
  // API alone
  const token = (await app.http().post('/admin/login').send({ email: 'rita.reviewer@lga.test', password: PASSWORD })).body.data.token;
  const apiTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = Date.now();
    await app.http().get('/submissions/queue?state=submitted,in_review,approved&sort=waiting&page=1&pageSize=20').set('Authorization', `Bearer ${token}`);
    apiTimes.push(Date.now() - t);
  }
  console.log(`API: ${apiTimes.join(' ')}`);
  for (let round = 0; round < 3; round++) {
    await page.goto(`${app.baseUrl}/admin`);
    const link = page.getByRole('link', { name: 'Submissions' }).first();
    await link.waitFor();
    await page.evaluate(() => {
      (window as unknown as { clickAt?: number }).clickAt = undefined;
      document.addEventListener('click', () => ((window as unknown as { clickAt?: number }).clickAt ??= performance.now()), { capture: true });
    });
    await link.click();
    const rowAt = await firstRowAt(page);
    const clickAt = await page.evaluate(() => (window as unknown as { clickAt: number }).clickAt);
    console.log(`click → rows: ${Math.round(rowAt - clickAt)} ms\n${(await resources(page, clickAt)).join('\n')}`);
  }
  for (let round = 0; round < 2; round++) {
    await page.goto(`${app.baseUrl}/admin/plugins/submissions`);
    const rowAt = await firstRowAt(page);
    console.log(`cold load → rows: ${Math.round(rowAt)} ms\n${(await resources(page, 0)).filter((l) => !l.includes('en.json')).join('\n')}`);
  }
});
