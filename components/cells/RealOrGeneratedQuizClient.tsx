'use client';
/**
 * Real or generated? A seeded grid of coloured digits, half of them real held-out MNIST digits
 * painted exactly as the training data is painted (lib/imageExtras/colouring.ts mirrors
 * training/cmnist.py), half sampled just now by the pretrained model. The reader labels each one;
 * Reveal shows the truth, the score and the evaluation classifier's verdict on every tile.
 * Nothing is shown until every tile is ready, so the order of arrival gives nothing away.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask, type RunContext } from '../cell/Cell';
import { useLang, useStrings } from '../LangProvider';
import type { ParamValues } from '@/lib/urlState';
import { quizSpec, type CellClientProps } from './catalog';
import { QuizControls, QuizTile, type Tile } from './RealOrGeneratedQuizParts';
import { HELDOUT_DIGITS, heldoutGrey } from '@/lib/imageSampling/heldoutDigits';
import { colouriseDigit } from '@/lib/imageExtras/colouring';
import { planQuiz, scoreQuiz, type Kind } from '@/lib/imageExtras/quiz';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { fetchManifestExtras, useLazyImageModel, type ManifestExtras } from '../imageExtras/useLazyImageModel';
import { ModelStatus } from '../imageModel/ModelStatus';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof quizSpec>;
type Values = ParamValues<Spec>;

type ModelClient = Awaited<ReturnType<ReturnType<typeof useLazyImageModel>['get']>>;
type LoadedInfo = Awaited<ReturnType<ModelClient['load']>>;

/** The quiz's tiles: real held-out digits painted like the training data, the rest sampled now; all graded. */
async function makeTiles(client: ModelClient, info: LoadedInfo, extras: ManifestExtras, v: Values, ctx: RunContext): Promise<Tile[]> {
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
  return plan.map((item, i) => ({ item, image: images[i], verdict: verdicts[i] }));
}

export function RealOrGeneratedQuizClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const ui = useStrings();
  const text = ui.cells.quiz;
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
    const plan = await makeTiles(client, info, extras, v, ctx);
    throwIfAborted(ctx.signal);
    setGuesses(new Array(plan.length).fill(null));
    setTiles(plan);
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
      controls={(api) => <QuizControls api={api} spec={spec} text={text} />}
    >
      {({ running }) => (
        <>
          <ModelStatus state={state} />
          {running && !tiles && <p className={styles.muted}>{text.waiting}</p>}
          {tiles && (
            <>
              <ul className={styles.quizGrid} data-testid="quiz-grid" data-revealed={revealed ? 'true' : 'false'}>
                {tiles.map((t, i) => (
                  <QuizTile key={i} t={t} i={i} guess={guesses[i]} revealed={revealed} text={text} lang={lang}
                    onGuess={(k) => setGuesses((prev) => { const next = prev.slice(); next[i] = k; return next; })} />
                ))}
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
