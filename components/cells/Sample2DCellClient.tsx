'use client';
/**
 * Sampling cell: runs the reverse process with the model from the training cell (the chapter
 * kernel), DDPM (σ² = β or β̃) or DDIM (η, S steps), and animates 2,000 points from N(0, I)
 * back to the data, with play, a t scrubber, a few trajectories and one particle's step broken
 * down next to the formula being applied.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useKatex } from '../useKatex';
import { Cell, type CellTask } from '../cell/Cell';
import { useStrings } from '../LangProvider';
import { dataLabelText } from '@/messages';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { train2dKernel, useTrain2DKernel } from '../Train2DKernel';
import { applyStandardize, destandardize } from '@/lib/data2d';
import { scheduleTable } from '@/lib/diffusion/schedule';
import type { SamplerSpec } from '@/lib/diffusion/samplers';
import type { ParamValues } from '@/lib/urlState';
import { SAMPLE2D_SPEC, type CellClientProps } from './catalog';
import { downloadCsv, useWorkerClient } from './Train2DCellParts';
import {
  CANVAS_SIZE, Sample2DControls, SampleLegend, ScrubRow, TRACKED, drawSampleFrame, particleAt, playFrames, usePlayback, type SampleResult,
} from './Sample2DParts';
import { ParticleBreakdown } from './Sample2DBreakdown';
import { useThemeColors } from '../plot/useThemeColors';
import styles from './Train2DCell.module.css';
import { startModelRun, useKernelOrPretrained } from '../model2d/useKernelOrPretrained';
import { PretrainedNote } from '../model2d/PretrainedNote';
import { ModelFileActions } from '../model2d/ModelFileActions';

type Values = ParamValues<typeof SAMPLE2D_SPEC>;

const MAX_FRAMES = 120;

function samplerChoice(v: Values, T: number): SamplerSpec {
  return v.sampler === 'ddim'
    ? { kind: 'ddim', eta: v.eta, steps: Math.min(v.S, T) }
    : { kind: 'ddpm', variance: v.variance === 'beta' ? 'large' : 'small', ...(v.zeroNoise ? { zeroNoise: true } : {}) };
}

type Result = SampleResult;

export function Sample2DCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.sample2d;
  const renderTex = useKatex();
  const tex = (s: string, inline = false) => renderTex?.(s, inline) ?? `<code>${s.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</code>`;
  const client = useWorkerClient();
  const kernel = useTrain2DKernel();
  const reduced = usePrefersReducedMotion();
  const [result, setResult] = useState<Result | null>(null);
  const [k, setK] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // The kernel's model, or the one pretrained for the training cell's data set (components/model2d/).
  const source = useKernelOrPretrained(kernel);
  const model = source.model;
  const trainStd = useMemo(() => (model ? applyStandardize(model.points, model.stats) : null), [model]);

  const run = useCallback<CellTask<typeof SAMPLE2D_SPEC>>(async (v, ctx) => {
    const { model: m, worker: c, choice: be } = await startModelRun(client, v.backend, ctx, text.noModel);
    const sampler = samplerChoice(v, m.schedule.T);
    const nSteps = sampler.kind === 'ddpm' ? m.schedule.T : sampler.steps ?? m.schedule.T;
    const r = await c.sample({ model: m, sampler, n: v.n, seed: v.seed, maxFrames: Math.min(nSteps, MAX_FRAMES) }, be, ctx.signal);
    if (ctx.signal.aborted) return;
    setResult({ frames: r.frames, x0: r.x0, ms: r.ms, sampler, nSteps, stats: m.stats });
    setPicked(null);
    setK(0);
    // Play the reverse process once it is computed.
    await playFrames(r.frames.length, reduced, setK, ctx);
  }, [client, text, reduced]);

  // Manual play from the scrubber position.
  usePlayback(playing, result?.frames.length ?? 0, reduced, k, setK, () => setPlaying(false));

  const colors = useThemeColors();
  useEffect(() => {
    if (canvasRef.current) drawSampleFrame(canvasRef.current, result, k, picked, trainStd, colors);
  }, [result, k, picked, trainStd, colors]);

  const onCanvasClick = (e: React.MouseEvent<HTMLCanvasElement>) => { if (result) setPicked(particleAt(e, result, k)); };

  const table = useMemo(() => (model ? scheduleTable({ kind: model.schedule.kind, T: model.schedule.T }) : null), [model]);

  const breakdown = result && picked !== null && table
    ? <ParticleBreakdown result={result} k={k} p={picked} table={table} text={text} tex={tex} /> : null;

  const tLabel = result ? text.at(k < result.frames.length ? result.frames[k].t : 0, k >= result.frames.length) : '';

  return (
    <Cell
      id={id}
      title={text.title}
      spec={SAMPLE2D_SPEC}
      run={run}
      code={code}
      onReset={() => { setResult(null); setK(0); setPicked(null); setPlaying(false); }}
      controls={(api) => <Sample2DControls api={api} text={text} backendChoices={ui.backendChoices} />}
      extraActions={({ running }) => (
        <>
          <button type="button" data-action="play" disabled={running || !result} onClick={() => { if (!playing && result && k >= result.frames.length) setK(0); setPlaying((p) => !p); }}>
            {playing ? text.pause : text.play}
          </button>
          <button type="button" data-action="export" disabled={!result} onClick={() => result && downloadCsv(destandardize(result.x0, result.stats), 'ddpm-2d-samples.csv')}>{text.exportCsv}</button>
          <button type="button" data-action="clear-saved" disabled={running || !kernel.model} onClick={() => { train2dKernel.clear(); setResult(null); }}>{text.clearSaved}</button>
        </>
      )}
    >
      {({ values, running }) => (
        <div className={styles.layout}>
          <div>
            <canvas ref={canvasRef} width={CANVAS_SIZE} height={CANVAS_SIZE} className={styles.canvas} role="img" data-testid="sample2d-canvas" data-frame={k}
              aria-label={result ? text.alt(values.n, tLabel, TRACKED) : text.altEmpty} onClick={onCanvasClick} />
            {result && <SampleLegend text={text} colors={colors} picked={picked !== null} />}
            {result && (
              <ScrubRow result={result} k={k} tLabel={tLabel} picked={picked} text={text}
                onScrub={(v) => { setPlaying(false); setK(v); }} onPick={setPicked} />
            )}
          </div>
          <div>
            <p className={styles.note} data-testid="sample2d-model">
              {model ? text.model(dataLabelText(ui, model.dataLabel), model.steps, model.schedule.T) : text.noModel}
            </p>
            {source.pretrained && <PretrainedNote pretrained={source.pretrained.state} dataset={source.pretrained.recipe.dataset} trainAnchor="#cell-train2d" />}
            <div className={styles.row}>
              <ModelFileActions id={id} model={model} disabled={running} onLoad={(m) => { train2dKernel.set(m); setResult(null); }} />
            </div>
            {result && <p className={styles.note}>{text.took(result.ms, result.nSteps)}</p>}
            {result?.sampler.kind === 'ddpm' && result.sampler.zeroNoise && <p className={styles.note} data-testid="sample2d-zero-noise">{text.zeroNoiseOn}</p>}
            {result ? (breakdown ?? <p className={styles.note}>{text.pick}</p>) : null}
          </div>
        </div>
      )}
    </Cell>
  );
}
