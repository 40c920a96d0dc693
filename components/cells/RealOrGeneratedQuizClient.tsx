'use client';
/**
 * Real or generated? A seeded grid of coloured digits, half of them real held-out MNIST digits
 * painted exactly as the training data is painted (lib/imageExtras/colouring.ts mirrors
 * training/cmnist.py), half sampled just now by the pretrained model. The reader labels each one;
 * Reveal shows the truth, the score and the evaluation classifier's verdict on every tile.
 * Nothing is shown until every tile is ready, so the order of arrival gives nothing away.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { NumberControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import type { ParamValues } from '@/lib/urlState';
import { quizSpec, type CellClientProps } from './catalog';
import { HELDOUT_DIGITS, heldoutGrey } from '@/lib/imageSampling/heldoutDigits';
import { colouriseDigit } from '@/lib/imageExtras/colouring';
import { planQuiz, scoreQuiz, type Kind, type QuizItem } from '@/lib/imageExtras/quiz';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { fetchManifestExtras, useLazyImageModel } from '../imageExtras/useLazyImageModel';
import { ModelStatus } from '../imageModel/ModelStatus';
import { PixelCanvas } from '../imageModel/PixelCanvas';
import { colourLabel } from '../imageModel/labels';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof quizSpec>;
type Values = ParamValues<Spec>;

const TEXT = {
  en: {
    title: 'Real or generated? Tell the model’s digits from real ones',
    rounds: 'Digits in the quiz', seed: 'Quiz number (seed)', steps: 'Model: DDIM steps S', w: 'Model: guidance w',
    caption: (n: number) => `Press Run: the page paints real handwritten digits from the ${n} held-out MNIST digits bundled with the site (never used in training) in the same random colours the model was trained on, and asks the model for as many digits of its own. Half the tiles are real, half generated, in a random order. Label each tile, then press Reveal.`,
    real: 'Real', generated: 'Generated',
    tile: (i: number) => `Digit ${i + 1} of the quiz`,
    tileRevealed: (i: number, kind: Kind, d: number, c: string) => `Digit ${i + 1}: ${kind === 'real' ? 'real' : 'generated'} ${d} in ${c}`,
    guessGroup: (i: number) => `Your answer for digit ${i + 1}`,
    reveal: 'Reveal', newQuiz: 'New quiz',
    truthReal: (idx: number) => `real (MNIST #${idx})`,
    truthGen: 'generated',
    classifier: (v: Verdict) => `classifier: ${v.digit} · ${colourLabel('en', v.colour)} (${Math.round(v.digitProb * 100)}%)`,
    progress: (a: number, n: number) => `${a} of ${n} labelled.`,
    score: (c: number, n: number) => `You labelled ${c} of ${n} correctly.`,
    detail: (rc: number, rt: number, gc: number, gt: number) => `Real digits called real: ${rc} of ${rt}; generated digits called generated: ${gc} of ${gt}. Answering at random, or “real” every time, gets about half right.`,
    unanswered: (k: number) => ` (${k} left unlabelled count as wrong.)`,
    classifierNote: 'The evaluation classifier (a separate small network) names the digit and colour it sees in every tile, real or generated; it does not know which is which either.',
    waiting: 'Preparing the tiles…',
  },
  zh: {
    title: '真实还是生成？分辨模型画的数字',
    rounds: '题目数量', seed: '题组编号（随机种子）', steps: '模型：DDIM 步数 S', w: '模型：引导强度 w',
    caption: (n: number) => `点击“运行”：页面从网站附带的 ${n} 个留出（从未参与训练）的 MNIST 手写数字中取出真实数字，按模型训练时同样的随机方式上色；同时让模型生成同样数量的数字。一半是真实的，一半是生成的，顺序随机。请给每一格做出判断，然后点击“揭晓”。`,
    real: '真实', generated: '生成',
    tile: (i: number) => `第 ${i + 1} 个数字`,
    tileRevealed: (i: number, kind: Kind, d: number, c: string) => `第 ${i + 1} 个数字：${kind === 'real' ? '真实' : '生成'}的 ${d}，${c}色`,
    guessGroup: (i: number) => `你对第 ${i + 1} 个数字的判断`,
    reveal: '揭晓', newQuiz: '换一组',
    truthReal: (idx: number) => `真实（MNIST #${idx}）`,
    truthGen: '生成',
    classifier: (v: Verdict) => `分类器：${v.digit} · ${colourLabel('zh', v.colour)}（${Math.round(v.digitProb * 100)}%）`,
    progress: (a: number, n: number) => `已判断 ${a} / ${n}。`,
    score: (c: number, n: number) => `你答对了 ${c} / ${n}。`,
    detail: (rc: number, rt: number, gc: number, gt: number) => `真实数字中被判为真实的：${rc} / ${rt}；生成数字中被判为生成的：${gc} / ${gt}。随机乱猜，或者全部答“真实”，大约能答对一半。`,
    unanswered: (k: number) => `（未作答的 ${k} 个按答错计。）`,
    classifierNote: '评估分类器（另一个独立的小网络）对每一格——无论真实还是生成——给出它看到的数字和颜色；它同样不知道哪个是生成的。',
    waiting: '正在准备题目…',
  },
};

interface Tile { item: QuizItem; image: Float32Array; verdict: Verdict | null }

export function RealOrGeneratedQuizClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const text = TEXT[lang];
  const spec = useMemo(() => quizSpec(defaultGuidance), [defaultGuidance]);
  const { get, state } = useLazyImageModel();
  const [tiles, setTiles] = useState<Tile[] | null>(null);
  const [guesses, setGuesses] = useState<(Kind | null)[]>([]);
  const [revealed, setRevealed] = useState(false);

  const run = useCallback<CellTask<Spec>>(async (v: Values, ctx) => {
    setTiles(null);
    setGuesses([]);
    setRevealed(false);
    const client = await get();
    const [info, extras] = await Promise.all([
      client.load({ onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction * 0.3) }),
      fetchManifestExtras(),
    ]);
    ctx.setBackend(info.backend);
    throwIfAborted(ctx.signal);
    const plan = planQuiz(v.seed, v.rounds, HELDOUT_DIGITS.map((h) => h.digit), info.colours.length, extras.jitter);
    const per = 28 * 28 * 3;
    const images: Float32Array[] = new Array(plan.length);
    const verdicts: (Verdict | null)[] = new Array(plan.length).fill(null);
    const realIdx = plan.flatMap((q, i) => (q.kind === 'real' ? [i] : []));
    const genIdx = plan.flatMap((q, i) => (q.kind === 'generated' ? [i] : []));
    for (const i of realIdx) {
      const q = plan[i];
      images[i] = colouriseDigit(heldoutGrey(HELDOUT_DIGITS[q.heldout]), info.colours[q.colour].rgb, info.background, q.jitter!);
    }
    const result = await client.sample(
      {
        sampler: { kind: 'ddim', steps: v.steps, eta: 0 }, guidance: v.w,
        digits: genIdx.map((i) => plan[i].digit), colours: genIdx.map((i) => plan[i].colour),
        seed: v.seed, previewEvery: 0, classify: true,
      },
      { signal: ctx.signal, onProgress: (done, total) => ctx.progress(0.3 + 0.65 * (done / total)) },
    );
    genIdx.forEach((i, k) => {
      images[i] = result.images.slice(k * per, (k + 1) * per);
      verdicts[i] = result.verdicts?.[k] ?? null;
    });
    if (info.classifier && realIdx.length > 0) {
      const batch = new Float32Array(realIdx.length * per);
      realIdx.forEach((i, k) => batch.set(images[i], k * per));
      const rv = await client.classify(batch, realIdx.length);
      realIdx.forEach((i, k) => { verdicts[i] = rv[k]; });
    }
    throwIfAborted(ctx.signal);
    setGuesses(new Array(plan.length).fill(null));
    setTiles(plan.map((item, i) => ({ item, image: images[i], verdict: verdicts[i] })));
  }, [get]);

  const score = tiles ? scoreQuiz(tiles.map((t) => t.item), guesses) : null;

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      run={run}
      code={code}
      caption={<p>{text.caption(HELDOUT_DIGITS.length)}</p>}
      onReset={() => { setTiles(null); setGuesses([]); setRevealed(false); }}
      extraActions={(api) => (
        <>
          <button type="button" data-action="reveal" disabled={!tiles || revealed} onClick={() => setRevealed(true)}>{text.reveal}</button>
          <button type="button" data-action="new-quiz" disabled={api.running}
            onClick={() => {
              const seed = (api.values.seed + 1) % 2147483648;
              api.setValue('seed', seed);
              api.start((v, ctx) => run({ ...v, seed }, ctx));
            }}>{text.newQuiz}</button>
        </>
      )}
      controls={({ values, setValue, running }) => (
        <>
          <NumberControl label={text.rounds} name="rounds" spec={spec.rounds} value={values.rounds} disabled={running} onChange={(v) => setValue('rounds', v)} />
          <NumberControl label={text.seed} name="seed" spec={spec.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
          <SliderControl label={text.steps} spec={spec.steps} value={values.steps} log disabled={running} onChange={(v) => setValue('steps', v)} />
          <SliderControl label={text.w} spec={spec.w} value={values.w} step={0.25} disabled={running} format={(v) => v.toFixed(2)} onChange={(v) => setValue('w', v)} />
        </>
      )}
    >
      {({ running }) => (
        <>
          <ModelStatus state={state} lang={lang} />
          {running && !tiles && <p className={styles.muted}>{text.waiting}</p>}
          {tiles && (
            <>
              <ul className={styles.quizGrid} data-testid="quiz-grid" data-revealed={revealed ? 'true' : 'false'}>
                {tiles.map((t, i) => {
                  const g = guesses[i];
                  const right = g === t.item.kind;
                  const colourName = colourLabel(lang, t.item.colour);
                  return (
                    <li key={i}>
                      <figure data-testid="quiz-tile" data-index={i} data-guess={g ?? ''}
                        data-kind={revealed ? t.item.kind : undefined}
                        data-verdict-digit={revealed && t.verdict ? t.verdict.digit : undefined}>
                        <PixelCanvas data={t.image} size={28} displayPx={104}
                          label={revealed ? text.tileRevealed(i, t.item.kind, t.item.digit, colourName) : text.tile(i)} />
                        <div className={styles.guess} role="group" aria-label={text.guessGroup(i)}>
                          {(['real', 'generated'] as const).map((k) => (
                            <button key={k} type="button" data-guess={k} aria-pressed={g === k} disabled={revealed}
                              onClick={() => setGuesses((prev) => { const next = prev.slice(); next[i] = k; return next; })}>
                              {k === 'real' ? text.real : text.generated}
                            </button>
                          ))}
                        </div>
                        {revealed && (
                          <figcaption>
                            <span className={right ? styles.ok : styles.bad}>
                              <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                              {t.item.kind === 'real' ? text.truthReal(HELDOUT_DIGITS[t.item.heldout].mnistIndex) : text.truthGen}
                            </span>
                            {t.verdict && <><br />{text.classifier(t.verdict)}</>}
                          </figcaption>
                        )}
                      </figure>
                    </li>
                  );
                })}
              </ul>
              {score && !revealed && <p className={styles.muted} data-testid="quiz-progress">{text.progress(score.answered, score.total)}</p>}
              {score && revealed && (
                <div data-testid="quiz-score" data-correct={score.correct} data-total={score.total} data-answered={score.answered}>
                  <p className={styles.score}>{text.score(score.correct, score.total)}{score.answered < score.total && text.unanswered(score.total - score.answered)}</p>
                  <p className={styles.muted}>{text.detail(score.realCorrect, score.realTotal, score.generatedCorrect, score.generatedTotal)}</p>
                  <p className={styles.muted}>{text.classifierNote}</p>
                </div>
              )}
            </>
          )}
        </>
      )}
    </Cell>
  );
}
