// Exercises (issue 10): every exercise on every chapter, in both languages, opens its hint and
// shows its answer only on request; each exercise the page checks accepts its right answer and
// answers each known mistake with that mistake's own hint; solved exercises survive a reload and
// are counted on the home page. The ids, answers and mistakes are read from the chapter sources,
// so the test follows the chapters instead of repeating them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean, waitForUrl } from '../helpers.mjs';

const CHAPTERS = SLUGS.filter((s) => s !== 'references');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The exercises a chapter source declares: id, checked answer (or null), known mistakes, direction hints and cell check. */
function exercisesIn(lang, slug) {
  const text = fs.readFileSync(`content/${lang}/${slug}.mdx`, 'utf8');
  return [...text.matchAll(/<Exercise id="([a-z0-9-]+)"([^>]*)>([\s\S]*?)<\/Exercise>/g)].map(([, id, attrs, body]) => {
    const a = /answer=\{([^}]+)\} tol=\{([^}]+)\}/.exec(attrs);
    const mistakes = [...body.matchAll(/<Mistake value=\{([^}]+)\} tol=\{([^}]+)\}>/g)].map((m) => Number(m[1]));
    // Each direction hint's longest stretch of plain words (no math, no emphasis), to recognise it on the page.
    const when = Object.fromEntries([...body.matchAll(/<Mistake when="([a-z]+)">([\s\S]*?)<\/Mistake>/g)].map(([, w, hint]) => {
      const pieces = hint.split(/\$[^$]*\$/).map((p) => p.replace(/\*/g, '').replace(/\s+/g, ' ').trim());
      return [w, pieces.reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 30)];
    }));
    return { id, answer: a ? Number(a[1]) : null, tol: a ? Number(a[2]) : null, mistakes, when, cell: /cell="([^"]+)"/.exec(attrs)?.[1] ?? null };
  });
}

/** The exercise forms are client components: wait until React has hydrated every one of them. */
async function waitForExercises(page) {
  await page.waitForFunction(() => {
    const forms = [...document.querySelectorAll('[data-exercise] .exercise-check')];
    return forms.length > 0 && forms.every((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber$')))
      && document.querySelectorAll('[data-exercise]:not([data-exercise-check]) [data-exercise-mark]').length
        === document.querySelectorAll('[data-exercise]:not([data-exercise-check])').length;
  }, undefined, { timeout: 30000 });
}

/**
 * Types a value into a checked exercise, submits it and returns the verdict's kind and text. The
 * verdict is React state, so the test waits for it to change from what it showed before (every
 * call in this file expects a verdict different from the previous one).
 */
async function submit(page, id, value) {
  const ex = page.locator(`[data-exercise="${id}"]`);
  const verdict = ex.locator('.exercise-verdict');
  const prev = { kind: await verdict.getAttribute('data-verdict'), text: (await verdict.innerText()).trim() };
  await ex.locator('[data-exercise-input]').fill(String(value));
  await ex.locator('[data-exercise-input]').press('Enter');
  await page.waitForFunction(([sel, kind, text]) => {
    const el = document.querySelector(sel);
    return el && el.dataset.verdict !== '' && (el.dataset.verdict !== kind || el.textContent.trim() !== text);
  }, [`[data-exercise="${id}"] .exercise-verdict`, prev.kind, prev.text], { timeout: 5000 });
  return { kind: await verdict.getAttribute('data-verdict'), text: (await verdict.innerText()).trim() };
}

/** A value that is wrong and matches no known mistake: above the answer and every mistake. */
function plainWrong(ex) {
  const far = Math.max(Math.abs(ex.answer), ...ex.mistakes.map(Math.abs), 1) * 3 + 7;
  return ex.answer + far;
}

for (const lang of LANGS) {
  for (const slug of CHAPTERS) {
    test(`/${lang}/${slug}/: every exercise opens its hint and answer on request; checked ones accept the answer and name each known mistake`, async () => {
      const exercises = exercisesIn(lang, slug);
      assert.ok(exercises.length >= 3, `${slug} has at least 3 exercises (found ${exercises.length})`);
      assert.ok(exercises.some((e) => e.answer !== null), `${slug} has an exercise the page checks`);
      const { page, context, problems } = await newTrackedPage(browser);
      await page.goto(`${BASE}/${lang}/${slug}/`, { waitUntil: 'load' });
      await waitForExercises(page);
      const shown = await page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => ({
        id: e.dataset.exercise, anchor: e.id, checked: e.hasAttribute('data-exercise-check'),
      })));
      assert.deepEqual(shown.map((e) => e.id), exercises.map((e) => e.id), 'the page shows the exercises of the source, in order');
      for (const ex of exercises) {
        const s = shown.find((e) => e.id === ex.id);
        assert.equal(s.anchor, `exercise-${ex.id}`, `${ex.id}: its own anchor`);
        assert.equal(s.checked, ex.answer !== null, `${ex.id}: data-exercise-check exactly when the page checks it`);
        const el = page.locator(`[data-exercise="${ex.id}"]`);
        const question = (await el.locator(':scope > p').first().innerText()).trim();
        assert.ok(question.length > 20, `${ex.id}: a question is shown`);
        for (const part of ['hint', 'answer']) {
          const details = el.locator(`details[data-exercise-${part}]`);
          assert.equal(await details.count(), 1, `${ex.id}: one ${part}`);
          const body = details.locator(':scope > :not(summary)').first();
          assert.equal(await body.isVisible(), false, `${ex.id}: the ${part} is hidden until asked for`);
          await details.locator('summary').click();
          await body.waitFor({ state: 'visible', timeout: 3000 });
          assert.ok((await body.innerText()).trim().length > 10, `${ex.id}: the ${part} has text`);
        }
      }
      for (const ex of exercises.filter((e) => e.answer !== null && e.cell === null)) {
        assert.equal((await submit(page, ex.id, 'abc')).kind, 'not-a-number', `${ex.id}: text is asked to be a number`);
        const hints = [];
        for (const value of ex.mistakes) {
          const v = await submit(page, ex.id, value);
          assert.equal(v.kind, 'mistake', `${ex.id}: ${value} is recognised as a known mistake`);
          assert.ok(v.text.length > 20, `${ex.id}: the mistake ${value} gets a hint`);
          hints.push(v.text);
        }
        assert.equal(new Set(hints).size, hints.length, `${ex.id}: each known mistake has its own hint`);
        const other = await submit(page, ex.id, plainWrong(ex));
        assert.equal(other.kind, 'too-high', `${ex.id}: another wrong answer is told its direction`);
        assert.ok(!hints.includes(other.text), `${ex.id}: the direction verdict is not a mistake hint`);
        assert.ok(ex.when.above && other.text.includes(ex.when.above), `${ex.id}: too high gets the chapter's own hint ("${other.text.slice(0, 40)}…")`);
        const low = await submit(page, ex.id, ex.answer - Math.max(Math.abs(ex.answer), ...ex.mistakes.map(Math.abs), 1) * 3 - 7);
        assert.ok(low.kind === 'too-low' && ex.when.below && low.text.includes(ex.when.below), `${ex.id}: too low gets the chapter's own hint ("${low.text.slice(0, 40)}…")`);
        assert.equal(await page.locator(`[data-exercise="${ex.id}"] [data-exercise-solved]`).count(), 0, `${ex.id}: not solved by wrong answers`);
        assert.equal((await submit(page, ex.id, ex.answer)).kind, 'correct', `${ex.id}: the right answer ${ex.answer} is accepted`);
        await page.locator(`[data-exercise="${ex.id}"] [data-exercise-solved]`).waitFor({ timeout: 3000 });
      }
      assertClean(assert, problems, `/${lang}/${slug}/`);
      await context.close();
    });
  }
}

/** Presses a cell-verified exercise's Check and returns the verdict's kind, its text and what it read. */
async function checkCell(page, id) {
  const ex = page.locator(`[data-exercise="${id}"]`);
  await page.evaluate((sel) => { document.querySelector(sel).dataset.verdict = ''; }, `[data-exercise="${id}"] .exercise-verdict`);
  await ex.locator('[data-exercise-submit]').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.verdict, `[data-exercise="${id}"] .exercise-verdict`, { timeout: 5000 });
  const verdict = ex.locator('.exercise-verdict');
  return { kind: await verdict.getAttribute('data-verdict'), text: (await verdict.innerText()).trim() };
}

for (const lang of LANGS) {
  test(`/${lang}/theory/: the cell-verified exercise reads the β-schedule explorer as it is set now`, async () => {
    const ex = exercisesIn(lang, 'theory').find((e) => e.cell === 'schedule-alphabar-T');
    assert.ok(ex && ex.when.above && ex.when.below && ex.when.setup, 'the theory chapter has the cell check with its three hints');
    const { page, context, problems } = await newTrackedPage(browser);
    // DDPM's own schedule (the explorer's default): ᾱ_T ≈ 4e-5, far below the asked 0.35.
    await page.goto(`${BASE}/${lang}/theory/#exercise-${ex.id}`, { waitUntil: 'load' });
    await waitForExercises(page);
    const schedule = page.locator('[data-cell="schedule"]');
    await schedule.locator('[data-control="bT-a"] input[type="range"]').waitFor({ timeout: 30000 });
    assert.equal(await page.locator(`[data-exercise="${ex.id}"] [data-exercise-input]`).count(), 0, 'nothing to type: the cell is the answer');
    let v = await checkCell(page, ex.id);
    assert.equal(v.kind, 'too-low');
    assert.ok(v.text.includes(ex.when.below) && /0\.0000404/.test(v.text), `names the reading and the hint: ${v.text}`);
    // Move β_T as a reader would: ᾱ_T rises above the target (too little noise), then into it.
    const setBT = (bT) => schedule.locator('[data-control="bT-a"] input[type="range"]').evaluate((el, x) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, String(x));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, Math.log10(bT));
    await setBT(0.001);
    await waitForUrl(page, /schedule\.bT=0\.001\b/);
    v = await checkCell(page, ex.id);
    assert.ok(v.kind === 'too-high' && v.text.includes(ex.when.above), `β_T = 0.001: too high with the raise-β_T hint: ${v.text}`);
    assert.equal(await page.locator(`[data-exercise="${ex.id}"] [data-exercise-solved]`).count(), 0);
    await schedule.locator('[data-control="kind-a"] select').selectOption('cosine');
    await waitForUrl(page, /schedule\.kind=cosine/);
    v = await checkCell(page, ex.id);
    assert.ok(v.kind === 'setup' && v.text.includes(ex.when.setup), `another schedule: the setup hint: ${v.text}`);
    await schedule.locator('[data-control="kind-a"] select').selectOption('linear');
    await setBT(0.002);
    await waitForUrl(page, /schedule\.bT=0\.0019/);
    v = await checkCell(page, ex.id);
    assert.equal(v.kind, 'correct', v.text);
    assert.match(v.text, /0\.35/);
    await page.locator(`[data-exercise="${ex.id}"] [data-exercise-solved]`).waitFor({ timeout: 3000 });
    assertClean(assert, problems, `cell check ${lang}`);
    await context.close();
  });
}

const homeCount = (page, slug) => page.locator(`[data-testid="exercises-${slug}"]`).innerText();

test('solved exercises survive a reload and are counted on both home pages', async () => {
  const exercises = exercisesIn('en', 'features');
  const checked = exercises.find((e) => e.answer !== null && e.mistakes.length > 0);
  const self = exercises.find((e) => e.answer === null);
  assert.ok(checked && self, 'features has a checked and a self-marked exercise');
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/features/`, { waitUntil: 'load' });
  await waitForExercises(page);
  assert.equal((await submit(page, checked.id, checked.mistakes[0])).kind, 'mistake');
  assert.equal((await submit(page, checked.id, checked.answer)).kind, 'correct');
  await page.locator(`[data-exercise="${self.id}"] [data-exercise-mark]`).click();
  await page.locator(`[data-exercise="${self.id}"] [data-exercise-solved]`).waitFor({ timeout: 3000 });

  await page.reload({ waitUntil: 'load' });
  await waitForExercises(page);
  const solved = await page.locator('[data-exercise]:has([data-exercise-solved])').evaluateAll((els) => els.map((e) => e.dataset.exercise));
  assert.deepEqual(solved.sort(), [checked.id, self.id].sort(), 'exactly the two solved exercises are still solved after a reload');
  assert.equal(await page.locator(`[data-exercise="${self.id}"] [data-exercise-mark]`).getAttribute('aria-pressed'), 'true');

  const n = exercises.length;
  await page.goto(`${BASE}/en/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-testid="exercises-features"]')?.textContent.trim() !== '', undefined, { timeout: 15000 });
  assert.match(await homeCount(page, 'features'), new RegExp(`^2 of ${n}\\b`));
  assert.match(await homeCount(page, 'theory'), new RegExp(`^0 of ${exercisesIn('en', 'theory').length}\\b`));
  for (const slug of CHAPTERS) assert.equal(await page.locator(`[data-testid="exercises-${slug}"]`).count(), 1, `the home page counts ${slug}`);

  // The same solved set in the other language; unmarking there updates the count.
  await page.goto(`${BASE}/zh/features/`, { waitUntil: 'load' });
  await waitForExercises(page);
  await page.locator(`[data-exercise="${self.id}"] [data-exercise-mark]`).click();
  await page.waitForFunction((id) => !document.querySelector(`[data-exercise="${id}"] [data-exercise-solved]`), self.id, { timeout: 3000 });
  await page.goto(`${BASE}/zh/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-testid="exercises-features"]')?.textContent.trim() !== '', undefined, { timeout: 15000 });
  assert.match(await homeCount(page, 'features'), new RegExp(`\\b1 / ${n}\\b`));
  assertClean(assert, problems, 'exercise progress');
  await context.close();
});
