'use client';
/**
 * The bound, term by term: for the chapter kernel's 2D model (or the one pretrained for the
 * training cell's data set), the worker estimates L_T, every L_{t−1} and L_0 by Monte Carlo over
 * the model's training points (lib/diffusion/bound via lib/train2d/analysis), with the ε-MSE per t.
 * The cell plots the terms beside the Eq. 12 weight and L_simple's weight 1, the ε-MSE per t in
 * bins, and tabulates the total in nats per point and per coordinate. With "Gaussian data" the
 * same estimator runs on points of a known Gaussian with the optimal ε-model (lib/train2d/gaussian,
 * plain JavaScript on the page), and the closed-form bound is drawn and tabulated beside it.
 */
import { useCallback, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { useStrings } from '../LangProvider';
import { useTrain2DKernel } from '../Train2DKernel';
import { startModelRun, useKernelOrPretrained } from '../model2d/useKernelOrPretrained';
import { MAX_BOUND_SAMPLES, type SavedModel } from '@/lib/train2d/protocol';
import { GAUSSIAN_POINTS, gaussianSchedule, runGaussianBound } from '@/lib/train2d/gaussian';
import type { Train2DClient } from '@/lib/train2d/client';
import type { Messages } from '@/messages';
import { BOUND2D_SPEC as SPEC, type CellClientProps } from './catalog';
import { useWorkerClient } from './Train2DCellParts';
import { BoundOutput, type BoundShown } from './BoundParts';

type Text = Messages['cells']['bound2d'];
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Run: the worker's estimate for the 2D model, or on the page the Gaussian case with its closed form. */
function useBoundTask(client: () => Train2DClient, model: SavedModel | null, text: Text, show: (s: BoundShown) => void) {
  return useCallback<CellTask<typeof SPEC>>(async (v, ctx) => {
    const variance = v.variance === 'beta' ? 'large' : 'small';
    if (v.data === 'gaussian') {
      ctx.setBackend('JavaScript');
      const repeats = Math.max(1, Math.min(v.repeats, Math.floor(MAX_BOUND_SAMPLES / GAUSSIAN_POINTS)));
      const { r, exact } = await runGaussianBound(gaussianSchedule(model), { variance, repeats, seed: v.seed },
        { signal: ctx.signal, onProgress: ctx.progress, yieldNow: yieldToPage });
      if (!ctx.signal.aborted) show({ r, repeats, asked: v.repeats, exact });
      return;
    }
    const { model: m, worker: c, choice: be } = await startModelRun(client, v.backend, ctx, text.noModel);
    const repeats = Math.max(1, Math.min(v.repeats, Math.floor(MAX_BOUND_SAMPLES / (m.points.length / 2))));
    const r = await c.bound({ model: m, variance, repeats, seed: v.seed }, be, ctx.signal, ctx.progress);
    if (!ctx.signal.aborted) show({ r, repeats, asked: v.repeats, exact: null });
  }, [client, model, text, show]);
}

export function BoundCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.bound2d;
  const client = useWorkerClient();
  const source = useKernelOrPretrained(useTrain2DKernel());
  const [shown, setShown] = useState<BoundShown | null>(null);
  const run = useBoundTask(client, source.model, text, setShown);
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
          params={['data', 'variance', 'repeats', 'seed', 'backend']}
          options={{ data: { optionLabels: text.dataLabels }, variance: { optionLabels: text.labels }, backend: { optionLabels: ui.backendChoices } }} />
      )}
    >
      {({ values }) => <BoundOutput shown={shown} gaussian={values.data === 'gaussian'} source={source} />}
    </Cell>
  );
}
