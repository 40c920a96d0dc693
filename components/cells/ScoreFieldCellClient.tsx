'use client';
/**
 * The score field: for the chapter kernel's 2D model (or the pretrained one), the worker samples
 * particles with DDPM and evaluates s_θ(x, t) = −ε̂_θ(x, t)/√(1 − ᾱ_t) on a grid at every recorded
 * step (lib/train2d/analysis runScoreField). The cell draws the arrows at the chosen t with the
 * particles there, and plays the reverse process from t = T down to it (no motion when the reader
 * prefers reduced motion). With "Gaussian data" the worker first trains the training cell's network
 * briefly on points of a known Gaussian (lib/train2d/gaussian), and the exact score is drawn beside
 * the model's with their mean cosine at the step shown.
 */
import { useCallback, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { dataLabelText } from '@/messages';
import { useTrain2DKernel } from '../Train2DKernel';
import { startModelRun, useKernelOrPretrained } from '../model2d/useKernelOrPretrained';
import { PretrainedNote } from '../model2d/PretrainedNote';
import { MathText } from '../MathText';
import type { BackendPreference } from '@/lib/backend/decide';
import type { BackendChoice } from '@/lib/backend/session';
import { TRAIN2D_DEFAULTS } from '@/lib/train2d/defaults';
import type { Train2DClient } from '@/lib/train2d/client';
import type { SavedModel } from '@/lib/train2d/protocol';
import { exactScoreFields, GAUSSIAN_POINTS, GAUSSIAN_TRAINING, gaussianSchedule, gaussianTrainSpec } from '@/lib/train2d/gaussian';
import { SCORE2D_SPEC as SPEC, type CellClientProps } from './catalog';
import { useWorkerClient } from './Train2DCellParts';
import { FIELD_VIEW, ScoreFieldView, type FieldResult } from './ScoreFieldParts';
import styles from './Train2DCell.module.css';

type Text = ReturnType<typeof useStrings>['cells']['score2d'];

/** Run: the field of the 2D model, or of a network trained here on the Gaussian, with the exact score beside it. */
function useScoreTask(client: () => Train2DClient, model: SavedModel | null, text: Text, show: (r: FieldResult) => void) {
  return useCallback<CellTask<typeof SPEC>>(async (v, ctx) => {
    const gaussian = v.data === 'gaussian';
    let m: SavedModel, c: Train2DClient, be: BackendChoice;
    if (gaussian) {
      c = client();
      be = await c.init(v.backend as BackendPreference);
      ctx.setBackend(be.name);
      const trained = await c.train(gaussianTrainSpec(v.seed, model), be, { signal: ctx.signal, onProgress: (p) => ctx.progress(0.5 * p.progress) });
      if (ctx.signal.aborted) return;
      m = trained.model;
    } else {
      ({ model: m, worker: c, choice: be } = await startModelRun(client, v.backend, ctx, text.noModel));
    }
    const base = gaussian ? 0.5 : 0;
    const r = await c.scoreField({ model: m, particles: v.particles, gridSize: v.grid, bounds: FIELD_VIEW, seed: v.seed }, be, ctx.signal,
      (f) => ctx.progress(base + (1 - base) * f));
    if (ctx.signal.aborted) return;
    const exact = gaussian ? exactScoreFields(gaussianSchedule(m), m.stats, r) : null;
    show({ r, grid: v.grid, particles: v.particles, stats: m.stats, points: m.points, exact, steps: m.steps });
  }, [client, model, text, show]);
}

export function ScoreFieldCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.score2d;
  const client = useWorkerClient();
  const source = useKernelOrPretrained(useTrain2DKernel());
  const model = source.model;
  const [result, setResult] = useState<FieldResult | null>(null);
  const run = useScoreTask(client, model, text, setResult);
  return (
    <Cell
      id={id} title={text.title} spec={SPEC} run={run} code={code}
      onReset={() => setResult(null)}
      controls={(api) => (
        <ParamControls spec={SPEC} values={api.values} setValue={api.setValue} labels={text}
          params={['data', 't', 'grid', 'particles', 'seed', 'backend']}
          options={{ data: { optionLabels: text.dataLabels, disabled: api.running }, grid: { disabled: api.running }, particles: { disabled: api.running }, backend: { optionLabels: ui.backendChoices, disabled: api.running } }} />
      )}
    >
      {({ values, running }) => {
        const gauss = result ? result.exact !== null : values.data === 'gaussian';
        return (
          <div className={styles.layout}>
            <ScoreFieldView result={result} t={values.t} running={running} model={gauss ? null : model} text={text} />
            <div>
              <p className={styles.note} data-testid="score2d-model">
                {gauss ? <MathText text={text.gaussModel(GAUSSIAN_POINTS, result?.steps ?? GAUSSIAN_TRAINING.steps, result?.r.T ?? model?.schedule.T ?? TRAIN2D_DEFAULTS.T)} />
                  : model ? text.model(dataLabelText(ui, model.dataLabel), model.steps, model.schedule.T) : text.noModel}
              </p>
              {!gauss && source.pretrained && <PretrainedNote pretrained={source.pretrained.state} dataset={source.pretrained.recipe.dataset} trainAnchor="#cell-train2d" />}
              {result && values.t > result.r.T && <p className={styles.note}>{text.clampedT(result.r.T)}</p>}
            </div>
          </div>
        );
      }}
    </Cell>
  );
}
