'use client';
/**
 * The score field: for the chapter kernel's 2D model (or the pretrained one), the worker samples
 * particles with DDPM and evaluates s_θ(x, t) = −ε̂_θ(x, t)/√(1 − ᾱ_t) on a grid at every recorded
 * step (lib/train2d/analysis runScoreField). The cell draws the arrows at the chosen t with the
 * particles there, and plays the reverse process from t = T down to it (no motion when the reader
 * prefers reduced motion).
 */
import { useCallback, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { dataLabelText } from '@/messages';
import { useTrain2DKernel } from '../Train2DKernel';
import { startModelRun, useKernelOrPretrained } from '../model2d/useKernelOrPretrained';
import { PretrainedNote } from '../model2d/PretrainedNote';
import { SCORE2D_SPEC as SPEC, type CellClientProps } from './catalog';
import { useWorkerClient } from './Train2DCellParts';
import { FIELD_VIEW, ScoreFieldView, type FieldResult } from './ScoreFieldParts';
import styles from './Train2DCell.module.css';

export function ScoreFieldCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.score2d;
  const client = useWorkerClient();
  const source = useKernelOrPretrained(useTrain2DKernel());
  const model = source.model;
  const [result, setResult] = useState<FieldResult | null>(null);

  const run = useCallback<CellTask<typeof SPEC>>(async (v, ctx) => {
    const { model: m, worker: c, choice: be } = await startModelRun(client, v.backend, ctx, text.noModel);
    const r = await c.scoreField({ model: m, particles: v.particles, gridSize: v.grid, bounds: FIELD_VIEW, seed: v.seed }, be, ctx.signal, ctx.progress);
    if (ctx.signal.aborted) return;
    setResult({ r, grid: v.grid, particles: v.particles, stats: m.stats, points: m.points });
  }, [client, text]);

  return (
    <Cell
      id={id} title={text.title} spec={SPEC} run={run} code={code}
      onReset={() => setResult(null)}
      controls={(api) => (
        <ParamControls spec={SPEC} values={api.values} setValue={api.setValue} labels={text}
          params={['t', 'grid', 'particles', 'seed', 'backend']}
          options={{ grid: { disabled: api.running }, particles: { disabled: api.running }, backend: { optionLabels: ui.backendChoices, disabled: api.running } }} />
      )}
    >
      {({ values, running }) => (
        <div className={styles.layout}>
          <ScoreFieldView result={result} t={values.t} running={running} model={model} text={text} />
          <div>
            <p className={styles.note} data-testid="score2d-model">
              {model ? text.model(dataLabelText(ui, model.dataLabel), model.steps, model.schedule.T) : text.noModel}
            </p>
            {source.pretrained && <PretrainedNote pretrained={source.pretrained.state} dataset={source.pretrained.recipe.dataset} trainAnchor="#cell-train2d" />}
            {result && values.t > result.r.T && <p className={styles.note}>{text.clampedT(result.r.T)}</p>}
          </div>
        </div>
      )}
    </Cell>
  );
}
