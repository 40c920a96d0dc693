'use client';
/**
 * The three "repair" cells of the applications chapter — super-resolution, inpainting,
 * colorization — share this client: a held-out MNIST digit (never seen in training) is degraded
 * by a linear operator A into y = A x, and the SAME pretrained model restores it at sampling time
 * with DDNM's projection x̂_0' = A⁺y + (I − A⁺A) x̂_0 at every DDIM step (lib/imageSampling).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { useLang, useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import type { ParamValues } from '@/lib/urlState';
import { inverseSpec, type CellClientProps, type InverseTask } from '../cells/catalog';
import { COLOUR_NAMES, type ColourName } from '@/lib/imageSampling/prompt';
import { decodeMask } from '@/lib/imageSampling/pixels';
import { useImageModel } from './useImageModel';
import { ModelStatus } from './ModelStatus';
import { ImageGrid } from './ImageGrid';
import { useImageSlots } from './useImageSlots';
import { InverseControls, InversePanels, buildProblem, type Heldout, type TaskText } from './InverseParts';
import { verdictLabels } from './labels';
import type { BuildTimeModelFacts } from './manifestAtBuild';
import styles from './imageModel.module.css';

type Spec = ReturnType<typeof inverseSpec>;
type Values = ParamValues<Spec>;

export function InverseCellClient({ task, id, code, facts }: CellClientProps & { task: InverseTask; facts: BuildTimeModelFacts }) {
  const lang = useLang();
  const ui = useStrings();
  const t = ui.cells.inverse;
  const tt: TaskText = ui.cells[task];
  const verdict = verdictLabels(lang);
  const spec = useMemo(() => inverseSpec(task, facts.defaultGuidance), [task, facts.defaultGuidance]);
  const { client, state } = useImageModel();
  const reducedMotion = usePrefersReducedMotion();
  const [heldout, setHeldout] = useState<Heldout | null>(null);
  const [slots, slotsApi] = useImageSlots();
  const [consistency, setConsistency] = useState<number | null>(null);
  const [timing, setTiming] = useState<{ s: number; backend: string } | null>(null);

  // The held-out digits load with the cell's own chunk, not with the page.
  useEffect(() => {
    let live = true;
    import('@/lib/imageSampling/heldoutDigits').then((m) => { if (live) setHeldout({ list: m.HELDOUT_DIGITS, grey: m.heldoutGrey }); });
    return () => { live = false; };
  }, []);

  const build = useCallback((v: Values) => buildProblem(heldout, task, facts, v), [heldout, task, facts]);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const problem = build(v);
    if (!problem) throw new Error(t.heldoutLoading);
    const d = v.digit === 'none' ? null : Number(v.digit);
    const c = v.colour === 'none' ? null : COLOUR_NAMES.indexOf(v.colour as ColourName);
    const digits = Array.from({ length: v.count }, () => d);
    const colours = Array.from({ length: v.count }, () => c);
    setConsistency(null);
    setTiming(null);
    slotsApi.begin(digits, colours);
    const info = await client.load({ onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction) });
    ctx.setBackend(info.backend);
    throwIfAborted(ctx.signal);
    const result = await client.sample({
      sampler: { kind: 'ddim', steps: v.steps, eta: v.eta },
      // With no condition ε_c = ε_∅, so (1 + w) ε_c − w ε_∅ = ε_∅ for every w: skip the second half.
      guidance: d === null && c === null ? 0 : v.w,
      digits, colours, seed: v.seed, previewEvery: Math.max(1, Math.round(v.steps / (reducedMotion ? 4 : 12))), classify: true,
      chunkSize: 8,
      inverse: { spec: problem.spec, y: problem.y, resample: task === 'inpaint' ? v.resample : 0 },
    }, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(done / total),
      onPreview: slotsApi.preview,
      onChunk: slotsApi.final,
    });
    const ay = problem.op.apply(result.images);
    let worst = 0;
    for (let k = 0; k < ay.length; k++) worst = Math.max(worst, Math.abs(ay[k] - problem.y[k % problem.op.outSize]));
    setConsistency(worst);
    setTiming({ s: result.timing.totalSeconds, backend: result.timing.backend });
  }, [build, client, t, reducedMotion, task, slotsApi]);


  return (
    <Cell
      id={id}
      title={tt.title}
      spec={spec}
      run={run}
      code={code}
      caption={<><p><MathText text={tt.caption} /></p><p className={styles.muted}>{t.heldoutNote}</p></>}
      onReset={() => { slotsApi.clear(); setConsistency(null); setTiming(null); }}
      controls={(api) => <InverseControls api={api} spec={spec} task={task} id={id} heldout={heldout} t={t} tt={tt} colours={ui.colours} />}
    >
      {(api) => {
        const { values } = api;
        const p = build(values);
        const badMask = task === 'inpaint' && values.preset === 'custom' && !decodeMask(values.mask, 784);
        return (
          <>
            <ModelStatus state={state} />
            {badMask && <p className={`${styles.parse} ${styles.problem}`} role="status" data-testid="mask-problem">{t.badMask}</p>}
            <InversePanels p={p} task={task} api={api} t={t} tt={tt} />
            {slots.length > 0 && <p className={styles.muted}>{t.results}</p>}
            <ImageGrid slots={slots} label={t.results} slotLabel={(_s, i) => t.slotLabel(i)} verdictText={verdict.text} verdictTitle={verdict.title} />
            {consistency !== null && (
              <p className={styles.muted} data-testid="inverse-consistency" data-max-deviation={consistency}>{t.consistency(consistency)}</p>
            )}
            {timing && <p className={styles.muted} data-testid="inverse-timing">{t.timing(timing.s, timing.backend)}</p>}
          </>
        );
      }}
    </Cell>
  );
}
