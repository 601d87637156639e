import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactPath, launchBrowser, startListeningApp, type ListeningApp } from '../../helpers/browser';

/**
 * The library as a reader uses it, in Chromium, at desktop width and on a 390×844 phone: axe-core
 * finds nothing on any state (filtered, keyword, no results, suggestions shown, the phone's filters
 * open and closed), and on the phone the count and the first result are on the first screen.
 */
let app: ListeningApp;
let browser: Browser;
beforeAll(async () => {
  app = await startListeningApp('library-finder');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function audit(page: Page, screenshot: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(violations.map((v) => `${screenshot}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  expect(await page.locator('h1').count()).toBe(1);
  await page.screenshot({ path: artifactPath(`library-${screenshot}.png`), fullPage: false });
}

const countLine = (page: Page) => page.locator('#result-count').textContent();

let context: BrowserContext;
afterEach(async () => context?.close());
async function open(viewport: { width: number; height: number }, path: string, javaScriptEnabled = true) {
  context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}${path}`);
  return page;
}

describe('desktop', () => {
  test('filtered: counts beside the filters, the chosen ones as tags that remove themselves', async () => {
    const page = await open(DESKTOP, '/case-studies');
    // The script ran (the button is there) but the button only shows on small screens.
    expect(await page.locator('.app-finder__toggle').count()).toBe(1);
    expect(await page.locator('.app-finder__toggle').isVisible()).toBe(false);
    await page.getByLabel(/Prevent and counter-extremism \(\d+\)/).check();
    await page.getByLabel(/Partnership working \(\d+\)/).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/topics=prevent/);
    expect(await page.locator('.app-finder__tag').count()).toBe(2);
    await audit(page, 'desktop-filtered');
    await page.getByRole('link', { name: /Remove filter Support type: Partnership working/ }).click();
    await page.waitForURL((url) => !url.searchParams.has('supportTypes'));
    expect(await page.locator('.app-finder__tag').count()).toBe(1);
    expect(new URL(page.url()).searchParams.getAll('supportTypes')).toEqual([]);
  });

  test('keyword: the count line names it, matches are marked, and a result leads back to the same search', async () => {
    const page = await open(DESKTOP, '/case-studies');
    await page.fill('#q', 'taxis');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=taxis/);
    await expect(countLine(page)).resolves.toBe('Your search for ‘taxis’ returned 1 result');
    await page.locator('.app-result mark').first().waitFor({ state: 'visible' });
    await audit(page, 'desktop-keyword');
    const search = page.url();
    await page.locator('.app-result a').first().click();
    await page.waitForURL(/back=/);
    await page.getByRole('link', { name: 'Back to results' }).click();
    await page.waitForURL((url) => url.pathname === '/case-studies');
    expect(new URL(page.url()).searchParams.get('q')).toBe('taxis');
    expect(new URL(page.url()).searchParams.get('q')).toBe(new URL(search).searchParams.get('q'));
  });

  test('search as you type: a listbox of suggestions, worked by the keyboard', async () => {
    const page = await open(DESKTOP, '/case-studies');
    await page.locator('#q').pressSequentially('reoff', { delay: 50 });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await list.waitFor({ state: 'visible' });
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#q').getAttribute('aria-activedescendant')).toBe('q-suggestion-0');
    expect(await list.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await audit(page, 'desktop-suggestions');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('false');
  });

  test('no results: advice, and "Did you mean" runs the corrected search in one click', async () => {
    const page = await open(DESKTOP, '/case-studies?q=reofending');
    await expect(countLine(page)).resolves.toBe('Your search for ‘reofending’ returned 0 results');
    await page.getByText('double-checking your spelling').waitFor({ state: 'visible' });
    await audit(page, 'desktop-no-results');
    await page.getByRole('link', { name: 'reoffending' }).click();
    await page.waitForURL(/q=reoffending/);
    await expect(countLine(page)).resolves.toMatch(/^Your search for ‘reoffending’ returned [1-9]\d* results?$/);
  });
});

describe('390×844 phone', () => {
  async function onFirstScreen(page: Page, selector: string) {
    const box = (await page.locator(selector).first().boundingBox())!;
    expect(box).not.toBeNull();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    return box;
  }

  test('the filters fold behind a "Filter" button: the count and the first result are on the first screen', async () => {
    const page = await open(PHONE, '/case-studies?q=council&topics=prevent');
    const toggle = page.getByRole('button', { name: /^Filter/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect((await toggle.textContent())?.trim()).toBe('Filter (1 selected)');
    await page.locator('#app-finder-filters').waitFor({ state: 'hidden' });
    await page.screenshot({ path: artifactPath('library-phone-first-screen.png') });
    await onFirstScreen(page, '#result-count');
    await onFirstScreen(page, '.app-result');
    await audit(page, 'phone-filters-closed');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#app-finder-filters').waitFor({ state: 'visible' });
    await audit(page, 'phone-filters-open');
    await page.getByLabel(/Funding and grants \(\d+\)/).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/supportTypes=funding/);
    await page.locator('#app-finder-filters').waitFor({ state: 'hidden' });
  });

  test('without JavaScript every filter is shown and works', async () => {
    const page = await open(PHONE, '/case-studies', false);
    expect(await page.getByRole('button', { name: /^Filter/ }).count()).toBe(0);
    await page.locator('#app-finder-filters').waitFor({ state: 'visible' });
    await page.getByLabel(/Prevent and counter-extremism \(\d+\)/).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/topics=prevent/);
    expect(await page.locator('.app-finder__tag').count()).toBe(1);
  });
});
