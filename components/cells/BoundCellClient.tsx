'use client';
/**
 * The bound, term by term: for the chapter kernel's 2D model (or the one pretrained for the
 * training cell's data set), the worker estimates L_T, every L_{t−1} and L_0 by Monte Carlo over
 * the model's training points (lib/diffusion/bound via lib/train2d/analysis), with the ε-MSE per t.
 * The cell plots the terms beside the Eq. 12 weight and L_simple's weight 1, the ε-MSE per t in
 * bins, and tabulates the total in nats per point and per coordinate.
 */
import { useCallback, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { dataLabelText } from '@/messages';
import { useTrain2DKernel } from '../Train2DKernel';
import { startModelRun, useKernelOrPretrained } from '../model2d/useKernelOrPretrained';
import { PretrainedNote } from '../model2d/PretrainedNote';
import { useThemeColors } from '../plot/useThemeColors';
import { MAX_BOUND_SAMPLES, type BoundResult } from '@/lib/train2d/protocol';
import { BOUND2D_SPEC as SPEC, type CellClientProps } from './catalog';
import { useWorkerClient } from './Train2DCellParts';
import { BoundCharts, BoundTable } from './BoundParts';
import styles from './Train2DCell.module.css';

interface Shown { r: BoundResult; repeats: number; asked: number }

export function BoundCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.bound2d;
  const client = useWorkerClient();
  const kernel = useTrain2DKernel();
  const source = useKernelOrPretrained(kernel);
  const model = source.model;
  const colors = useThemeColors();
  const [shown, setShown] = useState<Shown | null>(null);

  const run = useCallback<CellTask<typeof SPEC>>(async (v, ctx) => {
    const { model: m, worker: c, choice: be } = await startModelRun(client, v.backend, ctx, text.noModel);
    const repeats = Math.max(1, Math.min(v.repeats, Math.floor(MAX_BOUND_SAMPLES / (m.points.length / 2))));
    const r = await c.bound({ model: m, variance: v.variance === 'beta' ? 'large' : 'small', repeats, seed: v.seed }, be, ctx.signal, ctx.progress);
    if (ctx.signal.aborted) return;
    setShown({ r, repeats, asked: v.repeats });
  }, [client, text]);

  const T = shown?.r.T ?? model?.schedule.T ?? 100;
  return (
    <Cell
      id={id}
      title={text.title}
      spec={SPEC}
      run={run}
      code={code}
      onReset={() => setShown(null)}
      controls={(api) => (
        <ParamControls spec={SPEC} values={api.values} setValue={api.setValue} disabled={api.running} labels={text}
          params={['variance', 'repeats', 'seed', 'backend']}
          options={{ variance: { optionLabels: text.labels }, backend: { optionLabels: ui.backendChoices } }} />
      )}
    >
      {() => (
        <div>
          <p className={styles.note} data-testid="bound2d-model">
            {model ? text.model(dataLabelText(ui, model.dataLabel), model.steps, model.schedule.T, model.points.length / 2) : text.noModel}
          </p>
          {source.pretrained && <PretrainedNote pretrained={source.pretrained.state} dataset={source.pretrained.recipe.dataset} trainAnchor="#cell-train2d" />}
          <BoundCharts result={shown?.r ?? null} T={T} colors={colors} text={text} />
          {shown && (
            <>
              <BoundTable r={shown.r} text={text} />
              <p className={styles.note} data-testid="bound2d-bits">{text.bits(shown.r.total / (shown.r.d * Math.LN2), shown.r.totalStdErr)}</p>
              <p className={styles.note}>{text.took(shown.r.samples, shown.r.ms)}</p>
              {shown.repeats < shown.asked && <p className={styles.note}>{text.clamped(shown.repeats, MAX_BOUND_SAMPLES)}</p>}
            </>
          )}
          <p className={styles.note}>{text.note}</p>
        </div>
      )}
    </Cell>
  );
}
