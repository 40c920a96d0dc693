'use client';
/**
 * The three "repair" cells of the applications chapter — super-resolution, inpainting,
 * colorization — share this client: a held-out MNIST digit (never seen in training) is degraded
 * by a linear operator A into y = A x, and the SAME pretrained model restores it at sampling time
 * with DDNM's projection x̂_0' = A⁺y + (I − A⁺A) x̂_0 at every DDIM step (lib/imageSampling).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import type { Lang } from '@/lib/chapters';
import type { ParamValues } from '@/lib/urlState';
import { ANY_COLOURS, ANY_DIGITS, inverseSpec, type CellClientProps, type InverseTask } from '../cells/catalog';
import { COLOUR_NAMES, type ColourName } from '@/lib/imageSampling/prompt';
import { operatorFor } from '@/lib/imageSampling/job';
import type { InverseSpec } from '@/lib/imageSampling/protocol';
import { decodeMask, encodeMask, paintDigit } from '@/lib/imageSampling/pixels';
import type { HeldoutDigit } from '@/lib/imageSampling/heldoutDigits';
import { useImageModel } from './useImageModel';
import { ModelStatus } from './ModelStatus';
import { ImageGrid, type GridSlot } from './ImageGrid';
import { PixelCanvas } from './PixelCanvas';
import { MaskPainter } from './MaskPainter';
import { MASK_PRESETS, presetHole, type MaskPreset } from '@/lib/imageSampling/maskPresets';
import { COLOUR_LABELS, colourLabel } from './labels';
import type { BuildTimeModelFacts } from './manifestAtBuild';
import styles from './imageModel.module.css';

type Spec = ReturnType<typeof inverseSpec>;
type Values = ParamValues<Spec>;

const COMMON = {
  en: {
    input: 'Input', heldout: 'a held-out MNIST digit', drawn: 'my own drawing', draw: 'Draw a digit here (mouse, pen or finger)', clearDrawing: 'Clear drawing',
    source: 'Held-out digit', paint: 'Stroke colour of the input', grey: 'Stroke brightness of the grey input',
    digit: 'Digit condition', colour: 'Colour condition', any: 'none (unconditional)', w: 'Guidance w (when a condition is set)',
    steps: 'DDIM steps S', eta: 'DDIM η', count: 'Results', seed: 'Seed',
    sampleName: (h: HeldoutDigit, i: number) => `#${i + 1}: a ${h.digit} (MNIST ${h.mnistIndex})`,
    original: 'Held-out original x', observed: 'Observation y = A x', pinv: 'A⁺y (naive answer)', results: 'Diffusion results (DDNM)',
    consistency: (e: string) => `Every result agrees with the observation: max |A x₀ − y| = ${e}.`,
    slotLabel: (i: number) => `Result ${i + 1}`,
    verdict: (v: { digit: number; colour: number }) => `${v.digit} · ${colourLabel('en', v.colour)}`,
    verdictTitle: (v: { digit: number; colour: number; digitProb: number; colourProb: number }) =>
      `classifier: digit ${v.digit} (${Math.round(v.digitProb * 100)}%), colour ${colourLabel('en', v.colour)} (${Math.round(v.colourProb * 100)}%)`,
    timing: (s: number, b: string) => `Sampled in ${s.toFixed(1)} s on ${b}.`,
    heldoutNote: 'The inputs are MNIST digits from the 10% held out of training, so the model has never seen them.',
    badMask: 'The mask in this link could not be read; the top-half mask is used instead. Draw a new one or pick a preset.',
  },
  zh: {
    input: '输入', heldout: '留出的 MNIST 数字', drawn: '自己画的数字', draw: '在这里画一个数字（鼠标、触控笔或手指）', clearDrawing: '清除画布',
    source: '留出的测试数字', paint: '输入笔画的颜色', grey: '灰度输入的笔画亮度',
    digit: '数字条件', colour: '颜色条件', any: '无（不加条件）', w: '引导强度 w（设置条件时生效）',
    steps: 'DDIM 步数 S', eta: 'DDIM η', count: '结果数', seed: '随机种子',
    sampleName: (h: HeldoutDigit, i: number) => `#${i + 1}：数字 ${h.digit}（MNIST ${h.mnistIndex}）`,
    original: '留出的原图 x', observed: '观测 y = A x', pinv: 'A⁺y（朴素解）', results: '扩散模型的结果（DDNM）',
    consistency: (e: string) => `每个结果都与观测一致：max |A x₀ − y| = ${e}。`,
    slotLabel: (i: number) => `结果 ${i + 1}`,
    verdict: (v: { digit: number; colour: number }) => `${v.digit} · ${colourLabel('zh', v.colour)}`,
    verdictTitle: (v: { digit: number; colour: number; digitProb: number; colourProb: number }) =>
      `分类器：数字 ${v.digit}（${Math.round(v.digitProb * 100)}%），颜色 ${colourLabel('zh', v.colour)}（${Math.round(v.colourProb * 100)}%）`,
    timing: (s: number, b: string) => `采样用时 ${s.toFixed(1)} 秒（${b}）。`,
    heldoutNote: '输入来自训练时留出的 10% MNIST 数字，模型从未见过它们。',
    badMask: '无法读取链接中的遮罩，改用“上半部”遮罩。可以重新绘制或选择预设。',
  },
};

const TASK_TEXT: Record<InverseTask, Record<Lang, { title: string; caption: string; extra: Record<string, string> }>> = {
  superres: {
    en: {
      title: 'Super-resolution: refine a blocky digit',
      caption: 'A averages f×f blocks; A⁺ copies each average back into its block. Pick a held-out digit and a factor, then Run: every result keeps the block averages of y exactly and the model invents the detail inside the blocks — different seeds invent different detail.',
      extra: { factor: 'Downsampling factor f', f2: '2× (14×14)', f4: '4× (7×7)' },
    },
    zh: {
      title: '超分辨率：把马赛克数字变清晰',
      caption: 'A 对每个 f×f 方块取平均；A⁺ 把平均值复制回方块里。选一个留出的数字和缩小倍数，然后点击“运行”：每个结果都严格保留 y 的方块平均值，方块内部的细节由模型补出——不同的随机种子会补出不同的细节。',
      extra: { factor: '缩小倍数 f', f2: '2 倍（14×14）', f4: '4 倍（7×7）' },
    },
  },
  inpaint: {
    en: {
      title: 'Inpainting: draw a hole, let the model fill it',
      caption: 'Paint over the digit with a mouse, pen or finger to cut a hole (or pick a preset mask with the keyboard). A keeps the pixels outside the hole; the projection keeps them exactly while the model fills the hole. Resampling (RePaint-style) walks each step back and forth to blend the two regions.',
      extra: { preset: 'Mask', custom: 'drawn by hand', clear: 'Clear mask', top: 'top half', bottom: 'bottom half', left: 'left half', right: 'right half', centre: 'centre square', ring: 'ring', resample: 'Resampling r (RePaint-style)', painter: 'Digit with the hole to fill (draw on it)' },
    },
    zh: {
      title: '图像修复：画一个洞，让模型补上',
      caption: '用鼠标、触控笔或手指在数字上涂抹，挖出一个洞（也可以用键盘选择预设遮罩）。A 保留洞外的像素；投影让这些像素保持不变，洞里的内容由模型补全。“重采样”（RePaint 式）让每一步来回走几次，使两部分衔接得更自然。',
      extra: { preset: '遮罩', custom: '手绘', clear: '清除遮罩', top: '上半部', bottom: '下半部', left: '左半部', right: '右半部', centre: '中心方块', ring: '圆环', resample: '重采样次数 r（RePaint 式）', painter: '带洞的数字（可在上面涂抹）' },
    },
  },
  colorize: {
    en: {
      title: 'Colorization: a grey digit gets a colour',
      caption: 'A averages the three colour channels; A⁺ copies the grey value into all three. The projection keeps every pixel\'s brightness and the model chooses the colour. Set a colour condition to ask for one; change the stroke brightness to see the model compromise when no training colour has that brightness.',
      extra: {},
    },
    zh: {
      title: '上色：给灰色数字涂上颜色',
      caption: 'A 对三个颜色通道取平均；A⁺ 把灰度值复制到三个通道。投影保持每个像素的亮度不变，颜色由模型决定。设置颜色条件可以指定颜色；调整笔画亮度，看看当没有哪种训练颜色有这个亮度时模型如何折中。',
      extra: {},
    },
  },
};

function holeFromValues(v: Values): Uint8Array {
  if (v.preset === 'custom') {
    const m = decodeMask(v.mask, 28 * 28);
    if (m) return m;
  }
  return presetHole((v.preset === 'custom' ? 'top' : v.preset) as MaskPreset);
}

function fmtSmall(x: number): string {
  return x === 0 ? '0' : x.toExponential(1);
}

export function InverseCellClient({ task, id, code, facts }: CellClientProps & { task: InverseTask; facts: BuildTimeModelFacts }) {
  const lang = useLang();
  const t = COMMON[lang];
  const tt = TASK_TEXT[task][lang];
  const spec = useMemo(() => inverseSpec(task, facts.defaultGuidance), [task, facts.defaultGuidance]);
  const { client, state } = useImageModel();
  const reducedMotion = usePrefersReducedMotion();
  const [heldout, setHeldout] = useState<{ list: HeldoutDigit[]; grey: (h: HeldoutDigit) => Float32Array } | null>(null);
  const [slots, setSlots] = useState<GridSlot[]>([]);
  const [consistency, setConsistency] = useState<number | null>(null);
  const [timing, setTiming] = useState<{ s: number; backend: string } | null>(null);

  // The held-out digits load with the cell's own chunk, not with the page.
  useEffect(() => {
    let live = true;
    import('@/lib/imageSampling/heldoutDigits').then((m) => { if (live) setHeldout({ list: m.HELDOUT_DIGITS, grey: m.heldoutGrey }); });
    return () => { live = false; };
  }, []);

  const build = useCallback((v: Values) => {
    if (!heldout) return null;
    const h = heldout.list[Math.min(v.sample, heldout.list.length - 1)];
    const drawn = task !== 'inpaint' && v.source === 'drawn' ? decodeMask(v.strokes, 28 * 28) ?? new Uint8Array(28 * 28) : null;
    const grey = drawn ? Float32Array.from(drawn) : heldout.grey(h);
    let x: Float32Array;
    if (task === 'colorize') {
      const b = v.grey * 255;
      x = paintDigit(grey, [b, b, b], facts.background);
    } else {
      const c = facts.colours[COLOUR_NAMES.indexOf(v.paint as ColourName)]?.rgb ?? [255, 255, 255];
      x = paintDigit(grey, c, facts.background);
    }
    const hole = task === 'inpaint' ? holeFromValues(v) : null;
    const spec: InverseSpec = task === 'superres' ? { kind: 'super-resolution', factor: Number(v.factor) }
      : task === 'inpaint' ? { kind: 'inpainting', known: hole!.map((q) => 1 - q) }
        : { kind: 'colorization' };
    const op = operatorFor(spec, 28, 3);
    const y = op.apply(x);
    return { h, x, hole, spec, op, y, pinv: op.pinv(y), drawn };
  }, [heldout, task, facts]);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const problem = build(v);
    if (!problem) throw new Error(lang === 'zh' ? '测试数字还在加载，请稍后再试。' : 'The held-out digits are still loading; try again in a moment.');
    const per = 28 * 28 * 3;
    const d = v.digit === 'none' ? null : Number(v.digit);
    const c = v.colour === 'none' ? null : COLOUR_NAMES.indexOf(v.colour as ColourName);
    const digits = Array.from({ length: v.count }, () => d);
    const colours = Array.from({ length: v.count }, () => c);
    setConsistency(null);
    setTiming(null);
    setSlots(digits.map(() => ({ data: null, state: 'empty', requestedDigit: d, requestedColour: c, verdict: null })));
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
      onPreview: (start, n, x0) => setSlots((prev) => prev.map((s, i) => (i >= start && i < start + n
        ? { ...s, data: x0.subarray((i - start) * per, (i - start + 1) * per), state: 'preview' } : s))),
      onChunk: (start, n, images, verdicts) => setSlots((prev) => prev.map((s, i) => (i >= start && i < start + n
        ? { ...s, data: images.subarray((i - start) * per, (i - start + 1) * per), state: 'final', verdict: verdicts?.[i - start] ?? null } : s))),
    });
    const ay = problem.op.apply(result.images);
    let worst = 0;
    for (let k = 0; k < ay.length; k++) worst = Math.max(worst, Math.abs(ay[k] - problem.y[k % problem.op.outSize]));
    setConsistency(worst);
    setTiming({ s: result.timing.totalSeconds, backend: result.timing.backend });
  }, [build, client, lang, reducedMotion, task]);

  const digitLabels = Object.fromEntries(ANY_DIGITS.map((q) => [q, q === 'none' ? t.any : q]));
  const colourLabels = Object.fromEntries(ANY_COLOURS.map((q) => [q, q === 'none' ? t.any : COLOUR_LABELS[lang][q as ColourName]]));
  const paintLabels = COLOUR_LABELS[lang] as Record<string, string>;

  return (
    <Cell
      id={id}
      title={tt.title}
      spec={spec}
      run={run}
      code={code}
      caption={<><p>{tt.caption}</p><p className={styles.muted}>{t.heldoutNote}</p></>}
      onReset={() => { setSlots([]); setConsistency(null); setTiming(null); }}
      controls={({ values, setValue, running }) => (
        <>
          {task !== 'inpaint' && (
            <SelectControl label={t.input} spec={spec.source} value={values.source} labels={{ heldout: t.heldout, drawn: t.drawn }}
              disabled={running} onChange={(x) => setValue('source', x)} />
          )}
          <div className="control control-select">
            <label htmlFor={`${id}-sample`}>{t.source}</label>
            <select id={`${id}-sample`} name="sample" value={values.sample} disabled={running || !heldout || (task !== 'inpaint' && values.source === 'drawn')}
              onChange={(e) => setValue('sample', Number(e.currentTarget.value))}>
              {(heldout?.list ?? []).map((h, i) => <option key={i} value={i}>{t.sampleName(h, i)}</option>)}
              {!heldout && <option value={values.sample}>…</option>}
            </select>
          </div>
          {task === 'colorize'
            ? <SliderControl label={t.grey} spec={spec.grey} value={values.grey} step={0.05} disabled={running}
              format={(x) => x.toFixed(2)} onChange={(x) => setValue('grey', x)} />
            : <SelectControl label={t.paint} spec={spec.paint} value={values.paint} labels={paintLabels} disabled={running}
              onChange={(x) => setValue('paint', x)} />}
          {task === 'superres' && (
            <SelectControl label={tt.extra.factor} spec={spec.factor} value={values.factor} labels={{ '2': tt.extra.f2, '4': tt.extra.f4 }}
              disabled={running} onChange={(x) => setValue('factor', x)} />
          )}
          {task === 'inpaint' && (
            <>
              <div className={styles.presets}>
                <SelectControl label={tt.extra.preset} spec={spec.preset} value={values.preset} disabled={running}
                  labels={Object.fromEntries([...MASK_PRESETS, 'custom'].map((p) => [p, tt.extra[p]]))}
                  onChange={(x) => { setValue('preset', x); if (x !== 'custom') setValue('mask', ''); }} />
                <button type="button" data-action="clear-mask" disabled={running}
                  onClick={() => { setValue('preset', 'custom'); setValue('mask', encodeMask(new Uint8Array(28 * 28))); }}>
                  {tt.extra.clear}
                </button>
              </div>
              <SliderControl label={tt.extra.resample} spec={spec.resample} value={values.resample} disabled={running}
                onChange={(x) => setValue('resample', x)} />
            </>
          )}
          <SelectControl label={t.digit} spec={spec.digit} value={values.digit} labels={digitLabels} disabled={running}
            onChange={(x) => setValue('digit', x)} />
          <SelectControl label={t.colour} spec={spec.colour} value={values.colour} labels={colourLabels} disabled={running}
            onChange={(x) => setValue('colour', x)} />
          <SliderControl label={t.w} spec={spec.w} value={values.w} step={0.25} disabled={running}
            format={(x) => x.toFixed(2)} onChange={(x) => setValue('w', x)} />
          <SliderControl label={t.steps} spec={spec.steps} value={values.steps} disabled={running} onChange={(x) => setValue('steps', x)} />
          <SliderControl label={t.eta} spec={spec.eta} value={values.eta} step={0.05} disabled={running}
            format={(x) => x.toFixed(2)} onChange={(x) => setValue('eta', x)} />
          <NumberControl label={t.count} name="count" spec={spec.count} value={values.count} disabled={running} onChange={(x) => setValue('count', x)} />
          <NumberControl label={t.seed} name="seed" spec={spec.seed} value={values.seed} disabled={running} onChange={(x) => setValue('seed', x)} />
        </>
      )}
    >
      {({ values, setValue, running }) => {
        const p = build(values);
        const badMask = task === 'inpaint' && values.preset === 'custom' && !decodeMask(values.mask, 784);
        const [s] = p ? p.op.outShape : [28];
        return (
          <>
            <ModelStatus state={state} lang={lang} />
            {badMask && <p className={`${styles.parse} ${styles.problem}`} role="status" data-testid="mask-problem">{t.badMask}</p>}
            <div className={styles.panels}>
              {p?.drawn ? (
                <figure>
                  <MaskPainter image={p.x} hole={p.drawn} showOverlay={false} label={t.draw} disabled={running} displayPx={168} testId="stroke-painter"
                    onChange={(next) => setValue('strokes', encodeMask(next))} />
                  <figcaption>{t.draw}</figcaption>
                  <button type="button" data-action="clear-drawing" disabled={running}
                    onClick={() => setValue('strokes', encodeMask(new Uint8Array(28 * 28)))}>{t.clearDrawing}</button>
                </figure>
              ) : (
                <figure>
                  <PixelCanvas data={p?.x ?? null} size={28} label={t.original} displayPx={112} testId="inverse-original" />
                  <figcaption>{t.original}</figcaption>
                </figure>
              )}
              {task === 'inpaint' ? (
                <figure>
                  <MaskPainter image={p?.x ?? null} hole={p?.hole ?? new Uint8Array(784)} label={tt.extra.painter} disabled={running} displayPx={168}
                    onChange={(next) => { setValue('preset', 'custom'); setValue('mask', encodeMask(next)); }} />
                  <figcaption>{tt.extra.painter}</figcaption>
                </figure>
              ) : (
                <figure>
                  <PixelCanvas data={p?.y ?? null} size={s} channels={task === 'colorize' ? 1 : 3} label={t.observed} displayPx={112} testId="inverse-observed" />
                  <figcaption>{t.observed}</figcaption>
                </figure>
              )}
              <figure>
                <PixelCanvas data={p?.pinv ?? null} size={28} label={t.pinv} displayPx={112} testId="inverse-pinv" />
                <figcaption>{t.pinv}</figcaption>
              </figure>
            </div>
            {slots.length > 0 && <p className={styles.muted}>{t.results}</p>}
            <ImageGrid slots={slots} label={t.results} slotLabel={(_s, i) => t.slotLabel(i)} verdictText={t.verdict} verdictTitle={t.verdictTitle} />
            {consistency !== null && (
              <p className={styles.muted} data-testid="inverse-consistency" data-max-deviation={consistency}>{t.consistency(fmtSmall(consistency))}</p>
            )}
            {timing && <p className={styles.muted} data-testid="inverse-timing">{t.timing(timing.s, timing.backend)}</p>}
          </>
        );
      }}
    </Cell>
  );
}
