'use client';
/**
 * Is this digit a copy? Generate a few digits and, for each, search ALL 9,000 training digits of
 * the model for the three nearest (pixel L2 in [−1, 1] with the training digit painted in the
 * sample's colour, or L2 between stroke-intensity maps as training/evaluate.py does). The
 * reference line is the memorization criterion of training/evaluate.py: the median distance from
 * a training digit of that class to its nearest other training digit of the class. A control runs
 * the same test on real held-out digits the model never saw.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask, type RunContext } from '../cell/Cell';
import { useLang, useStrings } from '../LangProvider';
import type { ParamValues } from '@/lib/urlState';
import { nearestSpec, type CellClientProps } from './catalog';
import { NearestControls, NearestRowView, type NearestRow } from './NearestTrainingImageParts';
import { paintDigit } from '@/lib/imageSampling/pixels';
import { HELDOUT_DIGITS, heldoutGrey } from '@/lib/imageSampling/heldoutDigits';
import { drawConditions } from '@/lib/imageExtras/conditions';
import { makeQuery, nearestTraining, referenceLine, type Metric, type Paint } from '@/lib/imageExtras/nearest';
import type { TrainingSet } from '@/lib/imageExtras/trainingSet';
import { fetchManifestExtras, useLazyImageModel, type ManifestExtras } from '../imageExtras/useLazyImageModel';
import { classMedian, loadTrainingSet } from '../imageExtras/trainingSetLoader';
import { ModelStatus } from '../imageModel/ModelStatus';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof nearestSpec>;
type Values = ParamValues<Spec>;

type Row = NearestRow;

const conditions = (v: Values) => drawConditions(v, 0x7ea7);

/** The control: how many real held-out digits fall below their class's reference line. */
async function heldoutBelowLine(ts: TrainingSet, extras: ManifestExtras, metric: Metric, ctx: RunContext): Promise<number> {
  // Any colour gives the same share: both distances scale with the colour's contrast.
  const paint: Paint = { stroke: extras.colours[0].rgb, background: extras.background };
  let below = 0;
  for (let i = 0; i < HELDOUT_DIGITS.length; i++) {
    throwIfAborted(ctx.signal);
    const h = HELDOUT_DIGITS[i];
    const img = paintDigit(heldoutGrey(h), paint.stroke, paint.background);
    const d = nearestTraining(ts, makeQuery(img, ts.size, metric, paint), 1)[0].distance;
    if (d < referenceLine(await classMedian(ts, h.digit, metric), metric, paint)) below++;
    ctx.progress((i + 1) / HELDOUT_DIGITS.length);
  }
  return below;
}

export function NearestTrainingImageCellClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const ui = useStrings();
  const text = ui.cells.nearest;
  const spec = useMemo(() => nearestSpec(defaultGuidance), [defaultGuidance]);
  const { get, state } = useLazyImageModel();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [set, setSet] = useState<TrainingSet | null>(null);
  const [setLoading, setSetLoading] = useState(false);
  const [control, setControl] = useState<{ below: number; n: number; metric: Metric } | 'running' | null>(null);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    setRows(null);
    setControl(null);
    const metric = v.metric as Metric;
    const { digits, colours } = conditions(v);
    const client = await get();
    setSetLoading(true);
    const [info, ts, extras] = await Promise.all([
      client.load({ onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction * 0.1) }),
      loadTrainingSet().then((s) => { setSet(s); return s; }).finally(() => setSetLoading(false)),
      fetchManifestExtras(),
    ]);
    ctx.setBackend(info.backend);
    throwIfAborted(ctx.signal);
    const r = await client.sample(
      { sampler: { kind: 'ddim', steps: v.steps, eta: 0 }, guidance: v.w, digits, colours, seed: v.seed, previewEvery: 0, classify: true },
      { signal: ctx.signal, onProgress: (done, total) => ctx.progress(0.1 + 0.7 * (done / total)) },
    );
    const per = 28 * 28 * 3;
    const out: Row[] = [];
    for (let i = 0; i < digits.length; i++) {
      throwIfAborted(ctx.signal);
      const image = r.images.slice(i * per, (i + 1) * per);
      const paint: Paint = { stroke: info.colours[colours[i]].rgb, background: info.background };
      const neighbours = nearestTraining(ts, makeQuery(image, ts.size, metric, paint), 3);
      const line = referenceLine(await classMedian(ts, digits[i], metric), metric, paint);
      const evalThr = extras.memorizationThresholds?.[String(digits[i])];
      out.push({
        image, digit: digits[i], colour: colours[i], paint, verdict: r.verdicts?.[i] ?? null, neighbours, line,
        evalLine: metric === 'stroke' && typeof evalThr === 'number' ? evalThr : null,
      });
      ctx.progress(0.8 + 0.2 * ((i + 1) / digits.length));
    }
    setRows(out);
  }, [get]);

  const runControl = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const metric = v.metric as Metric;
    setControl('running');
    const [ts, extras] = await Promise.all([loadTrainingSet(), fetchManifestExtras()]);
    setSet(ts);
    setControl({ below: await heldoutBelowLine(ts, extras, metric, ctx), n: HELDOUT_DIGITS.length, metric });
  }, []);

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      run={run}
      code={code}
      caption={<p>{text.caption(set?.n ?? 9000)}</p>}
      onReset={() => { setRows(null); setControl(null); }}
      extraActions={(api) => (
        <button type="button" data-action="control" disabled={api.running} onClick={() => api.start(runControl)}>{text.control}</button>
      )}
      controls={(api) => <NearestControls api={api} spec={spec} text={text} colours={ui.colours} />}
    >
      {() => (
        <>
          <ModelStatus state={state} />
          {setLoading && <p className={styles.muted}>{text.loading}</p>}
          {rows && set && (
            <>
              <ol className={styles.nnList} data-testid="nearest-list">
                {rows.map((row, i) => <NearestRowView key={i} row={row} i={i} set={set} text={text} lang={lang} />)}
              </ol>
              <p data-testid="nearest-summary" data-below={rows.filter((r) => r.neighbours[0].distance < r.line).length} data-n={rows.length}>
                {text.summary(rows.filter((r) => r.neighbours[0].distance < r.line).length, rows.length)}
              </p>
            </>
          )}
          {control === 'running' && <p className={styles.muted}>{text.controlRunning}</p>}
          {control && control !== 'running' && (
            <p data-testid="nearest-control" data-below={control.below} data-n={control.n}>{text.controlResult(control.below, control.n)}</p>
          )}
        </>
      )}
    </Cell>
  );
}
