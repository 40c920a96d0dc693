// No English left in the Chinese interface. On every /zh/ page, first with every cell idle and
// then after running each cell once with short settings, walk the interface text (cells, the
// Algorithm panels, header, sidebar, pager, home page strip) — its text nodes and its aria-label,
// title, alt and placeholder attributes — and fail on any Latin word that is not a proper name or
// unit listed below. Chapter prose (MDX), math (.katex) and code (pre, code) are not walked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SLUGS, launch, newTrackedPage } from '../helpers.mjs';
import { quickQuery } from '../quickSettings.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Latin words that stay Latin in Chinese text, each with the reason. */
const ALLOWED = new Map(Object.entries({
  DDPM: 'the paper\'s model name', DDIM: 'sampler name (Song et al.)', GAN: 'model family name', VAE: 'model family name', RealNVP: 'flow model name (Dinh et al. 2017)',
  MNIST: 'data set name', 'TF.js': 'library name', TensorFlow: 'library name', JavaScript: 'language name',
  WebGPU: 'browser API / backend name', WebGL: 'browser API / backend name', webgpu: 'backend id shown as chosen',
  webgl: 'backend id shown as chosen', wasm: 'backend id (WebAssembly)', cpu: 'backend id', CPU: 'hardware name',
  GPU: 'hardware name', WebAssembly: 'standard name', IndexedDB: 'browser storage name', SwiftShader: 'software adapter name',
  CSV: 'file format', TSV: 'file format', PNG: 'file format', NaN: 'the floating-point value is called so', JSON: 'file format', URL: 'web term, as written in Chinese', SNR: 'signal-to-noise ratio, as in the papers',
  KL: 'Kullback–Leibler', FD: 'Fréchet distance, as in the papers', FID: 'Fréchet Inception distance, as in the papers', MLP: 'network type, as in the papers', 'U-Net': 'network name',
  Adam: 'optimizer name', ReLU: 'activation function name, as in the papers', DDNM: 'method name (Wang et al. 2022)',
  RePaint: 'method name (Lugmayr et al. 2022)', EMA: 'exponential moving average, as in the papers', English: 'the language switch names the other language in it',
  LeCun: 'MNIST author, credited by name', Cortes: 'MNIST author, credited by name', Burges: 'MNIST author, credited by name',
  CC: 'licence name (CC BY-SA 3.0)', 'BY-SA': 'licence name (CC BY-SA 3.0)', Wasserstein: 'the sliced Wasserstein distance is named after him',
  ms: 'unit (milliseconds)', s: 'unit (seconds)', px: 'unit (pixels)', MB: 'unit (megabytes)', KB: 'unit (kilobytes)',
  Esc: 'key name as printed on the keyboard (presenter view)', fps: 'unit (frames per second)', RGB: 'colour model name', CFG: 'classifier-free guidance, as in the papers',
  // Names the glossary (/zh/glossary/) keeps in Latin, as the Chinese chapters write them.
  NCSN: 'model name (Song & Ermon 2019)', IS: 'Inception Score, as in the papers', Inception: 'the classifier network behind FID and IS',
  Jensen: 'Jensen\'s inequality is named after him', Tweedie: 'Tweedie\'s formula is named after him',
}));

/** Short settings so that every cell's Run finishes in seconds; unknown ids are ignored per page. */
const query = quickQuery();

/** Runs in the page: every Latin word in the interface text, with where it was found. */
function latinInUi() {
  const PROSE = 'article.prose, [data-testid="toc"] a, .chapter-pager strong, .chapter-card, main > h1, main > .lede, .chapter-eyebrow';
  const UI_INSIDE_PROSE = 'section.cell, .algorithm-code';
  // Text marked lang="en" is English on purpose (a citation's authors and title) and says so.
  // <var> holds a formula written in text (a variable or expression, as HTML defines it).
  const SKIP = '.katex, pre, code, var, script, style, noscript, template, [lang="en"]';
  const isUi = (el) => {
    if (!el || el.closest(SKIP)) return false;
    if (el.closest(UI_INSIDE_PROSE)) return true;
    return !el.closest(PROSE);
  };
  const where = (el) => {
    const cell = el.closest('section.cell');
    return cell ? `cell ${cell.dataset.cell}` : (el.closest('[data-testid]')?.dataset.testid ?? el.tagName.toLowerCase());
  };
  const found = [];
  const scan = (text, el, how) => {
    for (const m of text.matchAll(/[A-Za-z]+(?:[.'’-][A-Za-z]+)*/g)) found.push({ word: m[0], text: text.trim().slice(0, 160), where: `${where(el)} (${how})` });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!isUi(el)) continue;
    // Text the reader cannot see (closed panels, display: none) is not checked; <option> text is.
    if (el.tagName !== 'OPTION' && el.getClientRects().length === 0) continue;
    scan(n.data, el, 'text');
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (!isUi(el)) continue;
    // Inside role="img" the children are presentational: their labels (Observable Plot tags its
    // marks "x-axis tick", "rect"…) never reach the reader; the figure's own label is checked.
    if (el.parentElement?.closest('[role="img"]')) continue;
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) scan(v, el, a);
    }
  }
  return found;
}

/** Every English word found, one line per word and place (a page's findings are reported together). */
async function englishIn(page, label, seen) {
  const found = (await page.evaluate(latinInUi)).filter((f) => f.word.length > 1 && !ALLOWED.has(f.word));
  const fresh = found.filter((f) => !seen.has(`${f.word} @ ${f.where}`));
  for (const f of fresh) seen.add(`${f.word} @ ${f.where}`);
  return fresh.map((f) => `  ${label}: “${f.word}” in ${f.where}: ${f.text}`);
}

const cellIds = (page) => page.locator('section.cell').evaluateAll((els) => els.map((e) => e.dataset.cell));

async function runCell(page, id) {
  const cell = page.locator(`section.cell[data-cell="${id}"]`);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('[data-action="run"]').click();
  await page.waitForFunction(
    (sel) => ['done', 'error', 'stopped'].includes(document.querySelector(`${sel} .cell-status`)?.dataset.status),
    `section.cell[data-cell="${id}"]`, { timeout: 240_000, polling: 250 },
  );
  const status = await cell.locator('.cell-status').getAttribute('data-status');
  const error = status === 'error' ? await cell.locator('.cell-error').innerText() : '';
  return { status, error };
}

for (const slug of ['', ...SLUGS, 'glossary', 'teach']) {
  test(`/zh/${slug}: no English in the interface, idle and after each cell runs once`, async () => {
    const { page, context } = await newTrackedPage(browser);
    await page.goto(`${BASE}/zh/${slug ? `${slug}/` : ''}?${query}`, { waitUntil: 'networkidle' });
    const seen = new Set();
    const problems = await englishIn(page, 'idle', seen);
    if (slug === '') {
      const strip = page.locator('[data-testid="avatar-strip"]');
      await strip.locator('[data-action="avatars"]').click();
      await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid="avatar-strip"]')?.dataset.phase), null, { timeout: 240_000, polling: 250 });
      problems.push(...await englishIn(page, 'after drawing avatars', seen));
    }
    for (const id of await cellIds(page)) {
      const { status, error } = await runCell(page, id);
      if (status !== 'done') problems.push(`  cell ${id} did not finish: ${status} ${error}`);
      problems.push(...await englishIn(page, `after running ${id}`, seen));
    }
    assert.deepEqual(problems, [], `/zh/${slug}: English in the Chinese interface:\n${problems.join('\n')}`);
    await context.close();
  });
}
