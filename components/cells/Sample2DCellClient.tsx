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
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { train2dKernel, useTrain2DKernel } from '../Train2DKernel';
import { applyStandardize, destandardize } from '@/lib/data2d';
import { scheduleTable } from '@/lib/diffusion/schedule';
import type { BackendPreference } from '@/lib/backend/decide';
import type { FrameMsg } from '@/lib/train2d/protocol';
import type { SamplerSpec } from '@/lib/diffusion/samplers';
import type { ParamValues } from '@/lib/urlState';
import { SAMPLE2D_SPEC, type CellClientProps } from './catalog';
import { downloadCsv, drawLayers, useWorkerClient, type Bounds } from './Train2DCellParts';
import styles from './Train2DCell.module.css';

type Values = ParamValues<typeof SAMPLE2D_SPEC>;

const TRACKED = 6;
const MAX_FRAMES = 120;
const VIEW: Bounds = { x0: -3.2, x1: 3.2, y0: -3.2, y1: 3.2 };

const TEXT = {
  en: {
    title: 'Sampling: watch the reverse process',
    sampler: 'Sampler', variance: 'DDPM variance σ_t²', eta: 'DDIM η', S: 'DDIM steps S', n: 'Points', seed: 'Seed', backend: 'Backend',
    labels: { ddpm: 'DDPM (ancestral)', ddim: 'DDIM', beta: 'σ² = β_t', betaTilde: 'σ² = β̃_t' } as Record<string, string>,
    noModel: 'No trained model yet: press Run in the training cell above first.',
    model: (label: string, steps: number, T: number) => `Model: ${label}, ${steps} training steps, T = ${T}.`,
    play: 'Play', pause: 'Pause', exportCsv: 'Export samples (CSV)', clearSaved: 'Clear saved model',
    scrub: 'Reverse step', at: (t: number, last: boolean) => (last ? 'x₀ (done)' : `t = ${t}`),
    alt: (n: number, t: string) => `${n} points at ${t} of the reverse process, with trajectories of ${TRACKED} particles. Click a point to inspect its step.`,
    pick: 'Click a point in the plot (or type a particle number) to see its step broken down.',
    pickNumber: 'Particle #',
    particle: (i: number) => `Particle #${i}`,
    quantity: 'quantity', value: 'value (x, y)',
    rows: { xt: 'x_t', eps: 'ε̂ = ε_θ(x_t, t)', x0: 'x̂₀', mean: 'mean (μ̃ / DDIM direction)', noise: 'σ_t z', next: 'x_{t−1} = mean + σ_t z' } as Record<string, string>,
    took: (ms: number, steps: number) => `${steps} network evaluations in ${(ms / 1000).toFixed(2)} s.`,
  },
  zh: {
    title: '采样：看反向过程如何把噪声变回数据',
    sampler: '采样器', variance: 'DDPM 方差 σ_t²', eta: 'DDIM η', S: 'DDIM 步数 S', n: '点数', seed: '随机种子', backend: '计算后端',
    labels: { ddpm: 'DDPM（祖先采样）', ddim: 'DDIM', beta: 'σ² = β_t', betaTilde: 'σ² = β̃_t' } as Record<string, string>,
    noModel: '还没有训练好的模型：请先在上面的训练单元里点“运行”。',
    model: (label: string, steps: number, T: number) => `模型：${label}，训练 ${steps} 步，T = ${T}。`,
    play: '播放', pause: '暂停', exportCsv: '导出样本（CSV）', clearSaved: '清除已保存的模型',
    scrub: '反向步', at: (t: number, last: boolean) => (last ? 'x₀（完成）' : `t = ${t}`),
    alt: (n: number, t: string) => `反向过程在 ${t} 时的 ${n} 个点，以及 ${TRACKED} 个粒子的轨迹。点击某个点可查看它这一步的分解。`,
    pick: '点击图中的某个点（或输入粒子编号），查看它这一步是怎么算出来的。',
    pickNumber: '粒子编号',
    particle: (i: number) => `粒子 #${i}`,
    quantity: '量', value: '取值 (x, y)',
    rows: { xt: 'x_t', eps: 'ε̂ = ε_θ(x_t, t)', x0: 'x̂₀', mean: '均值（μ̃ / DDIM 方向项）', noise: 'σ_t z', next: 'x_{t−1} = 均值 + σ_t z' } as Record<string, string>,
    took: (ms: number, steps: number) => `${steps} 次网络计算，用时 ${(ms / 1000).toFixed(2)} 秒。`,
  },
};

export function samplerChoice(v: Values, T: number): SamplerSpec {
  return v.sampler === 'ddim'
    ? { kind: 'ddim', eta: v.eta, steps: Math.min(v.S, T) }
    : { kind: 'ddpm', variance: v.variance === 'beta' ? 'large' : 'small' };
}

interface Result { frames: FrameMsg[]; x0: Float32Array; ms: number; sampler: SamplerSpec; nSteps: number; stats: { meanX: number; meanY: number; stdX: number; stdY: number } }

export function Sample2DCellClient({ id, code }: CellClientProps) {
  const lang = useLang();
  const text = TEXT[lang];
  const renderTex = useKatex();
  const tex = (s: string) => renderTex?.(s) ?? `<code>${s.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</code>`;
  const client = useWorkerClient();
  const kernel = useTrain2DKernel();
  const reduced = usePrefersReducedMotion();
  const [result, setResult] = useState<Result | null>(null);
  const [k, setK] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const kRef = useRef(0);
  kRef.current = k;

  const model = kernel.model;
  const trainStd = useMemo(() => (model ? applyStandardize(model.points, model.stats) : null), [model]);

  const run = useCallback<CellTask<typeof SAMPLE2D_SPEC>>(async (v, ctx) => {
    const m = train2dKernel.get().model;
    if (!m) throw new Error(text.noModel);
    const c = client();
    const be = await c.init(v.backend as BackendPreference);
    ctx.setBackend(be.name);
    const sampler = samplerChoice(v, m.schedule.T);
    const nSteps = sampler.kind === 'ddpm' ? m.schedule.T : sampler.steps ?? m.schedule.T;
    const r = await c.sample({ model: m, sampler, n: v.n, seed: v.seed, maxFrames: Math.min(nSteps, MAX_FRAMES) }, be, ctx.signal);
    if (ctx.signal.aborted) return;
    setResult({ frames: r.frames, x0: r.x0, ms: r.ms, sampler, nSteps, stats: m.stats });
    setPicked(null);
    setK(0);
    // Play the reverse process once it is computed.
    await new Promise<void>((resolve) => {
      const total = r.frames.length;
      if (reduced) { setK(total); resolve(); return; }
      let i = 0;
      let lastT = 0;
      const tick = (now: number) => {
        if (ctx.signal.aborted) { resolve(); return; }
        if (now - lastT >= 1000 / 30) { i++; lastT = now; setK(i); ctx.progress(i / total); }
        if (i >= total) resolve(); else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, [client, text, reduced]);

  // Manual play from the scrubber position.
  useEffect(() => {
    if (!playing || !result) return;
    let raf = 0, lastT = 0;
    const tick = (now: number) => {
      if (now - lastT >= 1000 / 30) {
        lastT = now;
        const next = Math.min(result.frames.length, kRef.current + (reduced ? result.frames.length : 1));
        setK(next);
        if (next >= result.frames.length) { setPlaying(false); return; }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, result, reduced]);

  const cloudAt = (r: Result, i: number) => (i < r.frames.length ? r.frames[i].xt : r.x0);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    if (!result) { drawLayers(c, VIEW, [{ points: trainStd, color: '--fg-soft', size: 4, alpha: 0.6 }]); return; }
    const cloud = cloudAt(result, k);
    drawLayers(c, VIEW, [
      { points: trainStd, color: '--fg-soft', size: 4, alpha: 0.35 },
      { points: cloud, color: '--ink', size: 2.5, alpha: 0.5 },
    ]);
    const g = c.getContext('2d');
    if (!g) return;
    const sx = c.width / (VIEW.x1 - VIEW.x0), sy = c.height / (VIEW.y1 - VIEW.y0);
    const X = (v: number) => (v - VIEW.x0) * sx, Y = (v: number) => (VIEW.y1 - v) * sy;
    g.lineWidth = 1.5;
    g.strokeStyle = '#e8710a';
    for (let p = 0; p < Math.min(TRACKED, cloud.length / 2); p++) {
      g.beginPath();
      for (let i = 0; i <= k; i++) {
        const a = cloudAt(result, i);
        if (i === 0) g.moveTo(X(a[2 * p]), Y(a[2 * p + 1])); else g.lineTo(X(a[2 * p]), Y(a[2 * p + 1]));
      }
      g.stroke();
    }
    if (picked !== null) {
      g.strokeStyle = getComputedStyle(c).getPropertyValue('--accent').trim() || '#2456c7';
      g.lineWidth = 2.5;
      g.beginPath(); g.arc(X(cloud[2 * picked]), Y(cloud[2 * picked + 1]), 7, 0, 2 * Math.PI); g.stroke();
    }
  }, [result, k, picked, trainStd]);

  const onCanvasClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!result) return;
    const c = e.currentTarget, rect = c.getBoundingClientRect();
    const x = VIEW.x0 + ((e.clientX - rect.left) / rect.width) * (VIEW.x1 - VIEW.x0);
    const y = VIEW.y1 - ((e.clientY - rect.top) / rect.height) * (VIEW.y1 - VIEW.y0);
    const cloud = cloudAt(result, k);
    let best = -1, bd = Infinity;
    for (let i = 0; i < cloud.length / 2; i++) {
      const d = (cloud[2 * i] - x) ** 2 + (cloud[2 * i + 1] - y) ** 2;
      if (d < bd) { bd = d; best = i; }
    }
    setPicked(best);
  };

  const table = useMemo(() => (model ? scheduleTable({ kind: model.schedule.kind, T: model.schedule.T }) : null), [model]);

  const breakdown = (() => {
    if (!result || picked === null || !table) return null;
    const fi = Math.min(k, result.frames.length - 1);
    const f = result.frames[fi];
    const p = picked;
    const pair = (a: Float32Array) => `(${a[2 * p].toFixed(3)}, ${a[2 * p + 1].toFixed(3)})`;
    const next = new Float32Array([f.mean[2 * p] + f.noise[2 * p], f.mean[2 * p + 1] + f.noise[2 * p + 1]]);
    const i = f.t - 1;
    const ddpm = result.sampler.kind === 'ddpm';
    const coef = ddpm
      ? `\\alpha_{${f.t}} = ${table.alpha[i].toFixed(4)},\\ \\bar\\alpha_{${f.t}} = ${table.alphaBar[i].toFixed(4)},\\ \\beta_{${f.t}} = ${table.beta[i].toFixed(4)},\\ \\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`
      : `\\bar\\alpha_{${f.t}} = ${table.alphaBar[i].toFixed(4)},\\ \\bar\\alpha_{${f.tPrev}} = ${(f.tPrev === 0 ? 1 : table.alphaBar[f.tPrev - 1]).toFixed(4)},\\ \\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`;
    const formula = ddpm
      ? `\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\hat\\epsilon}{\\sqrt{\\bar\\alpha_t}},\\qquad x_{t-1} = \\underbrace{\\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\hat\\epsilon\\Big)}_{\\tilde\\mu} + \\sigma_t z`
      : `\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\hat\\epsilon}{\\sqrt{\\bar\\alpha_t}},\\qquad x_{t'} = \\sqrt{\\bar\\alpha_{t'}}\\,\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t'}-\\sigma_t^2}\\,\\hat\\epsilon + \\sigma_t z`;
    return (
      <div className={styles.breakdown} data-testid="particle-breakdown">
        <p><b>{text.particle(p)}</b> · t = {f.t} → {f.tPrev}</p>
        <div className={styles.formula} dangerouslySetInnerHTML={{ __html: tex(formula) }} />
        <div className={styles.formula} dangerouslySetInnerHTML={{ __html: tex(coef) }} />
        <table>
          <thead><tr><th>{text.quantity}</th><th>{text.value}</th></tr></thead>
          <tbody>
            <tr><td>{text.rows.xt}</td><td>{pair(f.xt)}</td></tr>
            <tr><td>{text.rows.eps}</td><td>{pair(f.epsHat)}</td></tr>
            <tr><td>{text.rows.x0}</td><td>{pair(f.x0Hat)}</td></tr>
            <tr><td>{text.rows.mean}</td><td>{pair(f.mean)}</td></tr>
            <tr><td>{text.rows.noise}</td><td>{pair(f.noise)}</td></tr>
            <tr><td>{text.rows.next}</td><td>{`(${next[0].toFixed(3)}, ${next[1].toFixed(3)})`}</td></tr>
          </tbody>
        </table>
      </div>
    );
  })();

  const tLabel = result ? text.at(k < result.frames.length ? result.frames[k].t : 0, k >= result.frames.length) : '';

  return (
    <Cell
      id={id}
      title={text.title}
      spec={SAMPLE2D_SPEC}
      run={run}
      code={code}
      onReset={() => { setResult(null); setK(0); setPicked(null); setPlaying(false); }}
      controls={({ values, setValue, running }) => (
        <>
          <SelectControl label={text.sampler} spec={SAMPLE2D_SPEC.sampler} value={values.sampler} labels={text.labels} disabled={running} onChange={(v) => setValue('sampler', v)} />
          {values.sampler === 'ddpm' ? (
            <SelectControl label={text.variance} spec={SAMPLE2D_SPEC.variance} value={values.variance} labels={text.labels} disabled={running} onChange={(v) => setValue('variance', v)} />
          ) : (
            <>
              <SliderControl label={text.eta} spec={SAMPLE2D_SPEC.eta} value={values.eta} disabled={running} format={(v) => v.toFixed(2)} onChange={(v) => setValue('eta', v)} />
              <SliderControl label={text.S} spec={SAMPLE2D_SPEC.S} value={values.S} disabled={running} log onChange={(v) => setValue('S', v)} />
            </>
          )}
          <SliderControl label={text.n} spec={SAMPLE2D_SPEC.n} value={values.n} disabled={running} onChange={(v) => setValue('n', v)} />
          <NumberControl label={text.seed} name="seed" spec={SAMPLE2D_SPEC.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
          <SelectControl label={text.backend} spec={SAMPLE2D_SPEC.backend} value={values.backend} disabled={running} onChange={(v) => setValue('backend', v)} />
        </>
      )}
      extraActions={({ running }) => (
        <>
          <button type="button" data-action="play" disabled={running || !result} onClick={() => { if (!playing && result && k >= result.frames.length) setK(0); setPlaying((p) => !p); }}>
            {playing ? text.pause : text.play}
          </button>
          <button type="button" data-action="export" disabled={!result} onClick={() => result && downloadCsv(destandardize(result.x0, result.stats), 'ddpm-2d-samples.csv')}>{text.exportCsv}</button>
          <button type="button" data-action="clear-saved" disabled={running || !model} onClick={() => { void train2dKernel.clear(); setResult(null); }}>{text.clearSaved}</button>
        </>
      )}
    >
      {({ values }) => (
        <div className={styles.layout}>
          <div>
            <canvas ref={canvasRef} width={420} height={420} className={styles.canvas} role="img" data-testid="sample2d-canvas" data-frame={k}
              aria-label={text.alt(values.n, tLabel)} onClick={onCanvasClick} />
            {result && (
              <div className={styles.row}>
                <label htmlFor="sample2d-scrub">{text.scrub}</label>
                <input id="sample2d-scrub" className={styles.scrub} type="range" min={0} max={result.frames.length} step={1} value={k}
                  aria-valuetext={tLabel} onChange={(e) => { setPlaying(false); setK(Number(e.currentTarget.value)); }} />
                <output data-testid="sample2d-t">{tLabel}</output>
                <label htmlFor="sample2d-particle">{text.pickNumber}</label>
                <input id="sample2d-particle" type="number" min={0} max={result.x0.length / 2 - 1} step={1} value={picked ?? ''} style={{ width: '6em' }}
                  onChange={(e) => { const v = Number(e.currentTarget.value); if (e.currentTarget.value !== '' && Number.isInteger(v) && v >= 0 && v < result.x0.length / 2) setPicked(v); }} />
              </div>
            )}
          </div>
          <div>
            <p className={styles.note} data-testid="sample2d-model">
              {model ? text.model(model.dataLabel, model.steps, model.schedule.T) : text.noModel}
            </p>
            {result && <p className={styles.note}>{text.took(result.ms, result.nSteps)}</p>}
            {result ? (breakdown ?? <p className={styles.note}>{text.pick}</p>) : null}
          </div>
        </div>
      )}
    </Cell>
  );
}
