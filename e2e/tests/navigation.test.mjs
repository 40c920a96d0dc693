import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Section ids read from the built page on disk, so each test starts with one fresh page load. */
async function someSectionId(_page, lang, slug, index = 2) {
  const fs = await import('node:fs');
  const html = fs.readFileSync(`out/${lang}/${slug}/index.html`, 'utf8');
  const ids = [...html.matchAll(/<h2 id="([^"]+)" class="section-heading"/g)].map((m) => m[1]);
  assert.ok(ids.length > index, `${lang}/${slug} has more than ${index} sections`);
  return ids[index];
}

test('a deep link lands on its section, in both languages', async () => {
  for (const lang of ['en', 'zh']) {
    const { page, context, problems } = await newTrackedPage(browser);
    const id = await someSectionId(page, lang, 'theory');
    await page.goto(`${BASE}/${lang}/theory/#${id}`, { waitUntil: 'networkidle' });
    await page.waitForFunction((target) => {
      const top = document.getElementById(target)?.getBoundingClientRect().top ?? -1;
      return top >= -5 && top < 300;
    }, id, { timeout: 15000 });
    assert.ok(await page.evaluate(() => window.scrollY) > 100, 'the page scrolled');
    assertClean(assert, problems, `/${lang}/theory/#${id}`);
    await context.close();
  }
});

test('the language switch keeps chapter and section', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  const id = await someSectionId(page, 'en', 'theory', 3);
  await page.goto(`${BASE}/en/theory/#${id}`, { waitUntil: 'networkidle' });
  await page.locator('[data-testid="language-switch"]').click();
  await page.waitForURL((u) => u.pathname === '/zh/theory/', { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.waitForFunction((h) => window.location.hash === h, `#${id}`, { timeout: 15000 });
  // The section is at the top once the page has settled (cells above it hydrate first).
  await page.waitForFunction((target) => {
    const top = document.getElementById(target)?.getBoundingClientRect().top ?? -1;
    return top >= -5 && top < 300;
  }, id, { timeout: 15000 });
  assertClean(assert, problems, 'language switch');
  await context.close();
});

test('the language switch keeps section and parameters when clicked before hydration', async () => {
  const { page, context } = await newTrackedPage(browser);
  const id = await someSectionId(page, 'en', 'theory', 3);
  // A slow classroom machine: the CPU throttled sixfold, and the page's JavaScript held back so
  // the click lands while the switch is still a plain server-rendered link.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route((u) => u.pathname.startsWith('/_next/') && u.pathname.endsWith('.js'), async (route) => { await held; await route.continue(); });
  await page.goto(`${BASE}/en/theory/?schedule.kind=cosine#${id}`, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="language-switch"]', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="language-switch"]')?.getAttribute('href')), '/zh/theory/');
  await page.locator('[data-testid="language-switch"]').click({ noWaitAfter: true });
  release();
  await page.waitForURL((u) => u.pathname === '/zh/theory/', { waitUntil: 'domcontentloaded', timeout: 60000 });
  const u = new URL(page.url());
  assert.equal(u.hash, `#${id}`);
  assert.equal(u.searchParams.get('schedule.kind'), 'cosine');
  await context.close();
});

test('the table of contents highlights the section being read', async () => {
  const { page, context } = await newTrackedPage(browser);
  const id = await someSectionId(page, 'en', 'theory', 3);
  await page.goto(`${BASE}/en/theory/#${id}`, { waitUntil: 'networkidle' });
  await page.waitForFunction(
    (href) => document.querySelector('[data-testid="toc"] a[aria-current="location"]')?.getAttribute('href') === href,
    `#${id}`, { timeout: 15000 },
  );
  await context.close();
});

test('headings offer a keyboard-reachable copy-link control', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/`);
  const button = page.locator('article h2 .anchor-copy').first();
  await button.focus();
  assert.equal(await button.evaluate((el) => getComputedStyle(el).opacity), '1');
  await context.close();
});

test('reading progress is kept and shown on the home page', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/background/`, { waitUntil: 'networkidle' });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(300);
  await page.goto(`${BASE}/en/`, { waitUntil: 'networkidle' });
  const text = await page.locator('[data-testid="progress-background"]').innerText();
  assert.match(text, /100%/);
  await context.close();
});

test('theme toggle switches to dark and persists', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/`);
  await page.locator('.theme-toggle').click(); // system → light
  await page.locator('.theme-toggle').click(); // light → dark
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await context.close();
});
