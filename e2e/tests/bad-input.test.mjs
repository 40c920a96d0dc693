// Bad input, no crash: generated malformed query strings, hashes, uploaded files and typed formulas
// against the real cells. Every cell's namespace and parameter spec is read from the running page
// (helpers.readCellSpecs), so the generator targets what the page actually parses.
//
// Each URL carries a batch of independent cases (distinct keys), because a cell parses its
// parameters once, on mount: only a fresh load is a faithful test. Per case the test checks, with
// its own reading of the spec (an oracle written here, not the page's parser): a visible notice
// for every invalid or out-of-range value, the default (or the clamped value) in the address bar
// afterwards, and for the page: no uncaught error, no console error, no injected markup, no
// prototype pollution, no horizontal overflow from a long value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, pagesWithCells, readCellSpecs, waitForUrl } from '../helpers.mjs';

const CASES_EN = 300; // per page with cells
const CASES_ZH = 60;
const CASES_PER_URL = 30;
const MAX_QUERY = 14000;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// ---- seeded generator ----------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rng, xs) => xs[Math.floor(rng() * xs.length)];

const INJECTIONS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "';window.__pwned=1;//",
  'javascript:window.__pwned=1',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
  '<b onmouseover=window.__pwned=1>bold</b>',
];
const GARBAGE = [
  '', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', '1e308', '-1e308', '1e309', '-1e309', '-0', '+0',
  '0x10', '0b11', '1e', '--1', '+-1', '.', '+', '-', 'e5', '1.2.3', '1,5', '1 000', '1_000', 'null', 'undefined',
  'true', 'false', '[]', '{}', '[object Object]', '１２', '٣', '\u200B5', '5\u0000', '🙂', '三', 'é', '\u202Eevil',
  '%', '%25', '%zz', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '5abc', ' 5', '5 ', '\t5', '5\n',
  ...INJECTIONS,
];
// Long values whose encoded form still fits one request line (see MAX_QUERY).
const LONG = [
  () => 'x'.repeat(10000), () => '9'.repeat(10000), () => '<b>'.repeat(1000), () => '一'.repeat(1400),
  () => `0.${'1'.repeat(9998)}`, () => `1e${'0'.repeat(9997)}1`,
];

function numberValue(rng, spec) {
  const span = spec.max - spec.min;
  return pick(rng, [
    () => String(spec.min - 1 - Math.floor(rng() * 1e6)),
    () => String(spec.max + 1 + Math.floor(rng() * 1e6)),
    () => String(spec.min - span * rng() - 1e-9),
    () => String(spec.max + span * rng() + 1e-9),
    () => (spec.integer ? String(spec.min + 0.5) : String(spec.min + span * rng())),
    () => `${(spec.min + span * rng()).toExponential(3)}`,
    () => String(spec.min + span * rng()), // valid (integers get rounded: a clamp notice)
    () => String(spec.integer ? Math.round(spec.min + span * rng()) : spec.min), // valid
    () => pick(rng, GARBAGE),
    () => pick(rng, GARBAGE),
    () => pick(rng, LONG)(),
  ])();
}
function enumValue(rng, spec) {
  const v = pick(rng, spec.values);
  return pick(rng, [
    () => v, () => v.toUpperCase() === v ? `${v}x` : v.toUpperCase(), () => ` ${v}`, () => `${v} `, () => `${v}\u0000`,
    () => String(spec.values.indexOf(v)), () => pick(rng, GARBAGE), () => pick(rng, GARBAGE), () => pick(rng, LONG)(),
  ])();
}
function booleanValue(rng) {
  return pick(rng, ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'TRUE', 'True', '2', '-1', '', ' 1', ...GARBAGE.slice(0, 12)]);
}
function stringValue(rng, spec) {
  return pick(rng, [
    () => pick(rng, INJECTIONS), () => pick(rng, GARBAGE), () => 'a'.repeat(spec.maxLength + 1),
    () => pick(rng, LONG)(), () => '三'.repeat(spec.maxLength), () => '\u0000\u0001\u0002',
  ])();
}
function valueFor(rng, spec) {
  switch (spec.kind) {
    case 'number': return numberValue(rng, spec);
    case 'enum': return enumValue(rng, spec);
    case 'boolean': return booleanValue(rng);
    default: return stringValue(rng, spec);
  }
}

/** Query fragments outside every cell's namespace (nobody's to report; they must harm nothing). */
const RAW_FRAGMENTS = [
  '__proto__=1', '__proto__[polluted]=1', '__proto__.polluted=1', 'constructor[prototype][polluted]=1',
  'constructor.prototype.polluted=1', '=', '==', '&&&', '%', '%zz=%zz', 'a=%E4%B8', '%E4%B8=1', '+=+', '.=.', 'x.=1',
  '.x=1', 'toString=1', 'hasOwnProperty=1', 'valueOf.x=1', 'foo=<img src=x onerror=window.__pwned=1>', 'utm_source=x',
];

/**
 * One case: a key (in some cell's namespace) with one or more raw values, or a raw fragment.
 * Keys are distinct within a URL so each case's outcome is its own.
 */
function makeCase(rng, specs, usedKeys) {
  const cells = Object.keys(specs);
  for (let attempt = 0; attempt < 50; attempt++) {
    const r = rng();
    const cell = pick(rng, cells);
    const params = Object.keys(specs[cell]);
    if (r < 0.06) {
      const frag = pick(rng, RAW_FRAGMENTS);
      const key = frag.split('=')[0];
      if (usedKeys.has(`raw:${key}`)) continue;
      usedKeys.add(`raw:${key}`);
      return { raw: frag };
    }
    let key;
    if (r < 0.14) {
      key = `${cell}.${pick(rng, ['foo', '__proto__', 'constructor', 'prototype', 'toString', '', `${pick(rng, params)}.x`, `${pick(rng, params).toUpperCase()}_`, 'y'.repeat(3000)])}`;
    } else if (r < 0.17) {
      key = `${cell}.hide`;
    } else {
      key = `${cell}.${pick(rng, params)}`;
    }
    if (usedKeys.has(key)) continue;
    usedKeys.add(key);
    const name = key.slice(cell.length + 1);
    const spec = Object.prototype.hasOwnProperty.call(specs[cell], name) ? specs[cell][name] : null;
    const repeats = rng() < 0.12 ? 2 + Math.floor(rng() * 2) : 1;
    const values = [];
    for (let i = 0; i < repeats; i++) values.push(spec ? valueFor(rng, spec) : pick(rng, ['1', 'controls', ...GARBAGE]));
    return { cell, name, key, values };
  }
  return null;
}

const HASHES = [
  '#%', '#100%', '#a%2', '#%E4%B8', '#%zz', '#%00', '#<img src=x onerror=window.__pwned=1>', '#cell-nope',
  '#cell-', '#%%', '#javascript:window.__pwned=1', `#${'h'.repeat(5000)}`, '#🙂', '#cell-forward%', '#../../x', '##', '',
];

function queryFor(cases) {
  return cases.map((c) => (c.raw !== undefined ? c.raw : c.values.map((v) => `${encodeURIComponent(c.key)}=${encodeURIComponent(v)}`).join('&'))).join('&');
}

// ---- the oracle: this test's own reading of a spec ----------------------------------------------

const PLAIN_DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** { value, kind } with kind 'invalid' | 'clamped' | null. */
function expectOne(spec, raw) {
  if (spec.kind === 'number') {
    const s = raw.trim();
    const v = Number(s);
    if (!PLAIN_DECIMAL.test(s) || !Number.isFinite(v)) return { value: spec.default, kind: 'invalid' };
    let out = spec.integer ? Math.round(v) : v;
    out = Math.min(spec.max, Math.max(spec.min, out));
    return { value: out, kind: out !== v ? 'clamped' : null };
  }
  if (spec.kind === 'enum') return spec.values.includes(raw) ? { value: raw, kind: null } : { value: spec.default, kind: 'invalid' };
  if (spec.kind === 'boolean') {
    if (raw === '1' || raw === 'true') return { value: true, kind: null };
    if (raw === '0' || raw === 'false') return { value: false, kind: null };
    return { value: spec.default, kind: 'invalid' };
  }
  return raw.length <= spec.maxLength ? { value: raw, kind: null } : { value: spec.default, kind: 'invalid' };
}
function sameValue(spec, a, b) {
  if (spec.kind === 'number') return Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b)));
  if (spec.kind === 'boolean') {
    const bit = (x) => (x === true || x === '1' || x === 'true' ? '1' : '0');
    return bit(a) === bit(b);
  }
  return String(a) === String(b);
}
const asUrl = (spec, v) => (spec.kind === 'boolean' ? (v ? '1' : '0') : String(v));

// ---- reading the page -----------------------------------------------------------------------

async function pageState(page) {
  return page.evaluate(() => ({
    search: window.location.search,
    notices: [...document.querySelectorAll('[data-testid="cell-notice"] li')].map((li) => {
      const r = li.getBoundingClientRect();
      return {
        param: li.dataset.param, kind: li.dataset.kind, used: li.dataset.used,
        textLength: li.textContent.length, visible: r.width > 0 && r.height > 0 && getComputedStyle(li).visibility !== 'hidden',
      };
    }),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    pwned: window.__pwned !== undefined || window.top.__pwned !== undefined,
    polluted: ({}).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'),
    injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onmouseover], iframe[srcdoc], main script:not([src]):not([type])').length,
    h1: document.querySelector('main h1')?.textContent?.trim() ?? '',
    cellsShown: document.querySelectorAll('section[data-cell] .cell-actions').length,
    crashed: document.querySelectorAll('section[data-cell] [role="alert"]').length
      ? [...document.querySelectorAll('section[data-cell]')].filter((s) => !s.querySelector('.cell-actions')).map((s) => s.dataset.cell) : [],
  }));
}

/** What is wrong with the page state for these cases (empty when all is well). */
function checkCases(specs, cases, state) {
  const problems = [];
  const search = new URLSearchParams(state.search);
  for (const c of cases) {
    if (c.raw !== undefined) continue;
    const mine = state.notices.filter((n) => n.param === c.key);
    const spec = Object.prototype.hasOwnProperty.call(specs[c.cell], c.name) ? specs[c.cell][c.name] : null;
    if (c.name === 'hide') {
      // Reserved: "controls" hides the controls; anything else is ignored. (Not a parameter value.)
      continue;
    }
    if (!spec) {
      if (!mine.some((n) => n.kind === 'unknown' && n.visible)) problems.push(`${c.key}: unknown parameter without a visible notice`);
      if (search.has(c.key)) problems.push(`${c.key}: unknown parameter left in the address bar`);
      continue;
    }
    const outcomes = c.values.map((v) => expectOne(spec, v));
    const expected = outcomes.filter((o) => o.kind);
    for (let i = 0; i < expected.length; i++) {
      const n = mine[i];
      if (!n) { problems.push(`${c.key}=${JSON.stringify(c.values.map((v) => v.slice(0, 40)))}: expected ${expected.length} notice(s), found ${mine.length}`); break; }
      if (!n.visible) problems.push(`${c.key}: notice not visible`);
      if (n.kind !== expected[i].kind) problems.push(`${c.key}=${JSON.stringify(c.values[0].slice(0, 40))}: notice kind ${n.kind}, expected ${expected[i].kind}`);
      else if (!sameValue(spec, n.used, asUrl(spec, expected[i].value))) problems.push(`${c.key}: notice says ${n.used}, expected ${asUrl(spec, expected[i].value)}`);
    }
    // A notice beyond those is a constraint between parameters (lib/paramRules) correcting the value.
    const extra = mine.slice(expected.length);
    if (extra.some((n) => n.kind !== 'clamped')) problems.push(`${c.key}: unexpected notice ${JSON.stringify(extra)}`);
    const final = extra.length ? extra[extra.length - 1].used : asUrl(spec, outcomes[outcomes.length - 1].value);
    const inUrl = search.get(c.key);
    const expectedUrl = sameValue(spec, final, asUrl(spec, spec.default)) ? null : final;
    if (expectedUrl === null ? inUrl !== null : (inUrl === null || !sameValue(spec, inUrl, expectedUrl))) {
      problems.push(`${c.key}=${JSON.stringify(c.values.map((v) => v.slice(0, 40)))}: address bar has ${JSON.stringify(inUrl?.slice(0, 40) ?? null)}, expected ${JSON.stringify(expectedUrl)}`);
    }
  }
  for (const n of state.notices) if (n.textLength > 400) problems.push(`notice of ${n.textLength} characters (${n.param?.slice(0, 30)})`);
  if (state.overflow > 1) problems.push(`page scrolls horizontally by ${state.overflow}px`);
  if (state.pwned) problems.push('injected script ran');
  if (state.polluted) problems.push('Object.prototype polluted');
  if (state.injected > 0) problems.push(`${state.injected} injected element(s) in the page`);
  if (!state.h1) problems.push('page rendered no title');
  if (state.crashed.length) problems.push(`cells lost their actions: ${state.crashed}`);
  return problems;
}

async function runBatches(lang, path, count, seed) {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}${path}`, { waitUntil: 'load' });
  const specs = await readCellSpecs(page);
  assert.ok(Object.keys(specs).length > 0, `${path}: found the cells' specs`);
  const rng = mulberry32(seed);
  let tried = 0, urls = 0;
  const failures = [];
  while (tried < count) {
    const used = new Set();
    const cases = [];
    // Servers cap the request line (Node 16 KB, nginx 8 KB by default): one URL stays under
    // MAX_QUERY, so a 10,000-character value goes with short ones.
    let length = 0;
    for (let misses = 0; cases.length < Math.min(CASES_PER_URL, count - tried) && misses < 20;) {
      const c = makeCase(rng, specs, used);
      if (!c) break;
      const more = queryFor([c]).length + 1;
      if (length + more > MAX_QUERY) { misses++; continue; }
      length += more;
      cases.push(c);
    }
    tried += cases.length;
    urls++;
    const url = `${BASE}${path}?${queryFor(cases)}${pick(rng, HASHES)}`;
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'load' });
    await readCellSpecs(page);
    // Cells mirror their values into the address bar after a 250 ms debounce: poll until the
    // expected state shows (or 5 s pass), then report what differs.
    let state, bad;
    const t0 = Date.now();
    do {
      await page.waitForTimeout(150);
      state = await pageState(page);
      bad = checkCases(specs, cases, state);
    } while (bad.length > 0 && Date.now() - t0 < 5000);
    if (bad.length) failures.push(`${url.slice(0, 300)}\n  ${bad.slice(0, 8).join('\n  ')}`);
    if (problems.pageErrors.length || problems.consoleErrors.length) {
      failures.push(`${url.slice(0, 300)}\n  page errors: ${problems.pageErrors.join(' | ').slice(0, 500)}\n  console errors: ${problems.consoleErrors.join(' | ').slice(0, 500)}`);
      problems.pageErrors.length = 0;
      problems.consoleErrors.length = 0;
    }
  }
  await context.close();
  assert.deepEqual(failures.slice(0, 6), [], `${path}: ${failures.length} of ${urls} URLs (${tried} cases) went wrong`);
  return tried;
}

const pages = await pagesWithCells();

// An embed page (/<lang>/embed/<cell>/) hosts one cell the chapters already cover: a short
// batch each in English checks the route parses the same URL state.
const CASES_EMBED = 30;
for (const { lang, path } of pages) {
  const embed = path.includes('/embed/');
  if (embed && lang !== 'en') continue;
  const count = embed ? CASES_EMBED : lang === 'en' ? CASES_EN : CASES_ZH;
  test(`${path}: ${count} generated malformed parameters, no crash, a notice for each, defaults used`, async () => {
    const tried = await runBatches(lang, path, count, 12000 + path.length * 31 + (lang === 'zh' ? 7 : 0));
    assert.equal(tried, count);
  });
}

// ---- the cases the issue names ---------------------------------------------------------------

test('malformed % escapes in the hash do not take a chapter down', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  for (const hash of ['#%', '#100%', '#a%2']) {
    for (const slug of ['theory', 'intuition']) {
      await page.goto(`${BASE}/en/${slug}/${hash}`, { waitUntil: 'load' });
      await readCellSpecs(page);
      assert.ok((await page.locator('main h1').textContent())?.trim(), `${slug}${hash}: the chapter renders`);
    }
  }
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('?forward.T=10&forward.t=4000 shows t = 10, says so, and the address bar follows', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?forward.T=10&forward.t=4000#cell-forward`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="forward"]');
  await cell.locator('[data-testid="cell-notice"] li[data-param="forward.t"]').waitFor();
  assert.equal(await cell.locator('li[data-param="forward.t"]').getAttribute('data-used'), '10');
  assert.equal(await cell.locator('[data-control="t"] input[type="range"]').inputValue(), '10');
  await waitForUrl(page, /forward\.t=10(&|#|$)/);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a 10,000-character value gets a short notice that fits the screen', async () => {
  const { page, context } = await newTrackedPage(browser, { viewport: { width: 375, height: 800 } });
  await page.goto(`${BASE}/en/applications/?prompt.text=${'q'.repeat(10000)}&prompt.${'k'.repeat(3000)}=1`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const items = page.locator('section[data-cell="prompt"] [data-testid="cell-notice"] li');
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  for (const text of await items.allTextContents()) assert.ok(text.length < 300, `notice has ${text.length} characters`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls horizontally by ${overflow}px`);
  await context.close();
});

test('?prompt.text=a blue 3 samples what the page says it understood', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/applications/?prompt.text=a%20blue%203`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="prompt"]');
  const parse = cell.locator('[data-testid="prompt-parse"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="prompt-parse"]')?.dataset.digit === '3');
  assert.equal(await parse.getAttribute('data-colour'), 'blue');
  // The selects drive Run's conditioning, and the conditioning line reads them.
  const selects = cell.locator('.control-select select');
  assert.equal(await selects.nth(0).inputValue(), '3');
  assert.equal(await selects.nth(1).inputValue(), 'blue');
  assert.match(await cell.locator('[data-testid="prompt-conditioning"]').textContent(), /digit 3, colour blue/);
  await context.close();
});

test('the training cell offers only a T it can train: T = 2 becomes the schedule\'s smallest, and Run works', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?train2d.T=2&train2d.steps=5&train2d.seconds=5&train2d.backend=cpu#cell-train2d`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="train2d"]');
  const notice = cell.locator('li[data-param="train2d.T"]');
  await notice.waitFor();
  const T = Number(await notice.getAttribute('data-used'));
  assert.ok(T > 2, `T raised to ${T}`);
  await waitForUrl(page, new RegExp(`train2d\\.T=${T}(&|#|$)`));
  const slider = cell.getByLabel('Steps T', { exact: true });
  assert.ok(Math.abs(10 ** Number(await slider.getAttribute('min')) - T) < 1e-6 * T, 'the slider starts at that T');
  await cell.locator('button[data-action="run"]').click();
  await page.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.querySelector('section[data-cell="train2d"] .cell-status')?.dataset.status), undefined, { timeout: 60000 });
  assert.equal(await cell.locator('.cell-status').getAttribute('data-status'), 'done', await cell.locator('.cell-error').allTextContents().then((t) => t.join(' ')));
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

// ---- uploaded files and typed formulas ---------------------------------------------------------

function badFiles(rng) {
  const files = [
    ['empty.csv', ''], ['blank.csv', '\n\n  \n'], ['header-only.csv', 'x,y\n'], ['no-header.csv', '1,2\n3,4\n5,6\n'],
    ['one-point.csv', 'x,y\n1,2\n'], ['nan.csv', 'x,y\n1,2\nNaN,3\n4,5\n'], ['inf.csv', 'x,y\n1,2\nInfinity,3\n'],
    ['huge.csv', 'x,y\n1e308,1\n2,3\n4,5\n'], ['hex.csv', 'x,y\n0x10,1\n2,3\n4,5\n'], ['ragged.csv', 'x,y\n1,2,3\n4\n'],
    ['letters.csv', 'x,y\na,b\nc,d\ne,f\n'], ['missing.csv', 'x,y\n1,\n,2\n3,4\n'], ['wrong-names.csv', 'a,b\n1,2\n3,4\n5,6\n'],
    ['utf16.csv', '\uFEFFx\u0000,\u0000y\u0000\n'], ['binary.png', String.fromCharCode(...Array.from({ length: 512 }, () => Math.floor(rng() * 256)))],
    ['<img src=x onerror=window.__pwned=1>.csv', 'x,y\n<img src=x onerror=window.__pwned=1>,1\n'],
    ['script.csv', 'x,y\n<script>window.__pwned=1</script>,2\n'], ['json.csv', '{"x":[1,2],"y":[3,4]}'],
    ['too-many.csv', `x,y\n${'1,2\n'.repeat(200001)}`], ['long-line.csv', `x,y\n${'9'.repeat(100000)},1\n`],
    ['semicolon-bad.csv', 'x;y\n1,5;2,5,1\n'], ['quotes.csv', 'x,y\n"1,2\n"3",4\n'], ['tab-mixed.tsv', 'x\ty\n1,2\n3,4\n'],
    ['unicode.csv', 'x,y\n１,２\n٣,٤\n三,四\n'], ['minus-zero-only.csv', 'x,y\n-0,-0\n'], ['header-dup.csv', 'x,x\n1,2\n3,4\n5,6\n'],
  ];
  while (files.length < 50) {
    const rows = [];
    for (let i = 0; i < 3 + Math.floor(rng() * 5); i++) rows.push(`${pick(rng, GARBAGE)},${pick(rng, ['1', '2', ...GARBAGE])}`);
    const text = `x,y\n${rows.join('\n')}\n`;
    files.push([`gen-${files.length}.csv`, text]);
  }
  return files;
}

test('50 generated bad point files: a message for each, no crash, nothing injected', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?train2d.dataset=upload#cell-train2d`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="train2d"]');
  const input = cell.locator('input[type="file"]');
  await input.waitFor();
  const failures = [];
  const accepted = [];
  const good = `x,y\n${Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 11}`).join('\n')}\n`;
  for (const [name, text] of badFiles(mulberry32(50))) {
    // A good file first: its acceptance clears any message, so the next message is this file's.
    await input.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await cell.locator('[data-testid="upload-ok"]', { hasText: 'good.csv' }).waitFor();
    await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, name === 'binary.png' ? 'latin1' : 'utf8') });
    const outcome = await page.waitForFunction((n) => {
      const c = document.querySelector('section[data-cell="train2d"]');
      const msg = c?.querySelector('[data-testid="upload-message"]');
      const ok = c?.querySelector('[data-testid="upload-ok"]');
      if (msg && msg.textContent) return { kind: 'message', text: msg.textContent };
      if (ok && ok.textContent.startsWith(`${n}:`)) return { kind: 'ok', text: ok.textContent };
      return null;
    }, name, { timeout: 10000 }).then((h) => h.jsonValue(), () => null);
    const state = await pageState(page);
    if (!outcome) failures.push(`${name}: neither a message nor an accepted file`);
    else if (outcome.kind === 'ok') accepted.push(name);
    else if (outcome.text.length > 400) failures.push(`${name}: message of ${outcome.text.length} characters`);
    if (state.pwned || state.injected) failures.push(`${name}: injected markup`);
    if (state.overflow > 1) failures.push(`${name}: page overflows by ${state.overflow}px`);
  }
  assert.deepEqual(failures, []);
  // Generated rows can happen to form a valid file ("-0,1" lines); every hand-written bad file must be refused.
  assert.deepEqual(accepted.filter((n) => !n.startsWith('gen-')), [], 'hand-written bad files accepted');
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

function badFormulas(rng) {
  const list = [
    '', ' ', '(', ')', 'u +', '1 /', '* u', 'u u', 'foo(u)', 'import("x")', 'evaluate("1")', 'createUnit("x")',
    'parse("1")', 'simplify("u")', 'a = 1', 'f(x) = x', '[1, 2]', '"text"', 'u > 0.5', 'true', 'null', 'undefined',
    'NaN', 'Infinity', '-1', '0', '1', '2', 'u - 1', '1 / (u - 0.5)', 'sqrt(-1)', 'log(0)', '10^400', 'i', 'e^(1000)',
    'u ? 1 : 0', '0.02 * u; 1', '<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=1</script>',
    '__proto__', 'constructor', 'u.constructor', 'x', 'β', '一', '🙂', 'cos(u', `${'('.repeat(500)}u${')'.repeat(500)}`,
  ];
  while (list.length < 50) list.push(`${pick(rng, ['u', '1', 't', 'T'])} ${pick(rng, ['+', '/', '^', '*'])} ${pick(rng, GARBAGE.slice(0, 30))}`);
  return list.slice(0, 50);
}

test('50 generated bad formulas: a message for each, no crash, nothing injected', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?schedule.kind=custom-beta&schedule.compare=0#cell-schedule`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="schedule"]');
  const field = cell.locator('form input[type="text"]').first();
  await field.waitFor();
  const failures = [];
  for (const formula of badFormulas(mulberry32(51))) {
    await field.fill(formula);
    await field.press('Enter');
    const shown = await page.waitForFunction(() => {
      const e = document.querySelector('section[data-cell="schedule"] [data-testid="schedule-error-a"]');
      return e && e.textContent ? e.textContent : null;
    }, undefined, { timeout: 8000 }).then((h) => h.jsonValue(), () => null);
    const state = await pageState(page);
    if (!shown) failures.push(`${JSON.stringify(formula.slice(0, 40))}: no error shown`);
    else if (shown.length > 500) failures.push(`${JSON.stringify(formula.slice(0, 40))}: error of ${shown.length} characters`);
    if (state.pwned || state.injected) failures.push(`${JSON.stringify(formula)}: injected markup`);
    // A valid formula between bad ones clears the error, so each message is the next formula's.
    await field.fill('0.0001 + (0.02 - 0.0001) * u');
    await field.press('Enter');
    await page.waitForFunction(() => !document.querySelector('section[data-cell="schedule"] [data-testid="schedule-error-a"]'), undefined, { timeout: 8000 }).catch(() => {});
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
