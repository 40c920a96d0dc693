'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import type { ParamValues } from '@/lib/urlState';
import { promptSpec, PROMPT_DIGITS, PROMPT_COLOURS, type CellClientProps } from './catalog';
import type { ParamRule } from '@/lib/paramRules';
import { COLOUR_NAMES, parsePrompt, type ColourName } from '@/lib/imageSampling/prompt';
import { spreadConditions } from '@/lib/imageSampling/sampleImages';
import type { BackendPreference } from '@/lib/backend/decide';
import { useImageModel } from '../imageModel/useImageModel';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { ModelStatus } from '../imageModel/ModelStatus';
import { ImageGrid, type GridSlot } from '../imageModel/ImageGrid';
import { COLOUR_LABELS, colourLabel, digitLabel, problemMessage } from '../imageModel/labels';
import styles from '../imageModel/imageModel.module.css';

type Spec = ReturnType<typeof promptSpec>;
type Values = ParamValues<Spec>;

/**
 * A link that gives the prompt but not the selects samples what the prompt says ("a blue 3" →
 * digit 3, blue), as typing it would; a select the link sets itself wins.
 */
const RULES: readonly ParamRule<Spec>[] = [
  (v, given) => {
    if (!given.has('text')) return {};
    const p = parsePrompt(v.text);
    return {
      ...(given.has('digit') ? {} : { digit: p.digit === null ? 'none' : String(p.digit) }),
      ...(given.has('colour') ? {} : { colour: p.colour ?? 'none' }),
    };
  },
];

const TEXT = {
  en: {
    title: 'Prompt to image: a coloured digit from a few words',
    prompt: 'Prompt (English or Chinese)',
    placeholder: 'a red 7 · seven in blue · 绿色的三',
    understood: 'Understood: ', ignored: 'ignored: ', nothing: 'nothing yet', sep: ', ',
    digit: 'Digit', colour: 'Colour', sampler: 'Sampler', steps: 'DDIM steps S', eta: 'DDIM η', w: 'Guidance w',
    count: 'How many', seed: 'Seed', backend: 'Compute backend',
    any: 'any (no condition)', all: 'all, in turn',
    ddpm: 'DDPM (all 1000 steps)', ddim: 'DDIM (S steps)',
    auto: 'auto (measured)',
    conditioning: (d: string, c: string, w: number, s: string) => `Sampling: digit ${d}, colour ${c}, guidance w = ${w}, ${s}.`,
    samplerDesc: (v: Values) => (v.sampler === 'ddpm' ? 'DDPM ancestral sampling over all 1000 steps' : `DDIM with ${v.steps} steps, η = ${v.eta}`),
    caption: 'Type a prompt: the page reads a digit and a colour from it and fills in the two selects (you can also set them by hand). Run samples the pretrained model in a background worker with classifier-free guidance, showing the running estimate x̂₀ as it denoises. Under each image, an independent classifier says which digit and colour it sees.',
    slotLabel: (i: number, d: string, c: string) => `Sample ${i + 1}: asked for digit ${d}, colour ${c}`,
    verdict: (v: Verdict) => `${v.digit} · ${colourLabel('en', v.colour)}`,
    verdictTitle: (v: Verdict) => `classifier: digit ${v.digit} (${Math.round(v.digitProb * 100)}%), colour ${colourLabel('en', v.colour)} (${Math.round(v.colourProb * 100)}%)`,
    summary: (t: JobTiming, n: number) => `${n} images in ${t.totalSeconds.toFixed(1)} s on ${t.backend}: ${t.steps} steps × ${t.chunks} batch${t.chunks > 1 ? 'es' : ''} of ${t.batch} network inputs, ${t.perStepMs.toFixed(0)} ms per step.`,
    agreement: (d: string, c: string) => `The classifier agrees with the requested digit for ${d} and with the colour for ${c}.`,
    tensors: (n: number) => `TF.js tensors held by the worker: ${n} (the model's weights; the same number before and after every run).`,
    gridLabel: 'Generated digits',
  },
  zh: {
    title: '从提示词到图像：几个词生成一个彩色数字',
    prompt: '提示词（中文或英文）',
    placeholder: '绿色的三 · 蓝色 7 · a red 7',
    understood: '识别到：', ignored: '忽略：', nothing: '暂无', sep: '、',
    digit: '数字', colour: '颜色', sampler: '采样器', steps: 'DDIM 步数 S', eta: 'DDIM η', w: '引导强度 w',
    count: '生成数量', seed: '随机种子', backend: '计算后端',
    any: '任意（不加条件）', all: '全部，轮流',
    ddpm: 'DDPM（全部 1000 步）', ddim: 'DDIM（S 步）',
    auto: '自动（实测选择）',
    conditioning: (d: string, c: string, w: number, s: string) => `采样条件：数字 ${d}，颜色 ${c}，引导强度 w = ${w}，${s}。`,
    samplerDesc: (v: Values) => (v.sampler === 'ddpm' ? 'DDPM 祖先采样，走完全部 1000 步' : `DDIM ${v.steps} 步，η = ${v.eta}`),
    caption: '输入提示词：页面从中读出一个数字和一种颜色，并填入下面两个选择框（也可以手动修改）。点击“运行”后，预训练模型在后台 Worker 中用无分类器引导进行采样，去噪过程中实时显示当前的估计 x̂₀。每张图下方是一个独立分类器的判断：它认为图里是哪个数字、什么颜色。',
    slotLabel: (i: number, d: string, c: string) => `第 ${i + 1} 个样本：要求数字 ${d}，颜色 ${c}`,
    verdict: (v: Verdict) => `${v.digit} · ${colourLabel('zh', v.colour)}`,
    verdictTitle: (v: Verdict) => `分类器：数字 ${v.digit}（${Math.round(v.digitProb * 100)}%），颜色 ${colourLabel('zh', v.colour)}（${Math.round(v.colourProb * 100)}%）`,
    summary: (t: JobTiming, n: number) => `${n} 张图用时 ${t.totalSeconds.toFixed(1)} 秒（${t.backend}）：${t.steps} 步 × ${t.chunks} 批，每批网络输入 ${t.batch} 张，每步 ${t.perStepMs.toFixed(0)} 毫秒。`,
    agreement: (d: string, c: string) => `分类器与所要求数字一致的比例为 ${d}，与颜色一致的比例为 ${c}。`,
    tensors: (n: number) => `Worker 中的 TF.js 张量数：${n}（即模型权重；每次运行前后数量相同）。`,
    gridLabel: '生成的数字',
  },
};

function digitOf(v: string): number | null | 'all' {
  return v === 'none' ? null : v === 'all' ? 'all' : Number(v);
}
function colourOf(v: string): number | null | 'all' {
  return v === 'none' ? null : v === 'all' ? 'all' : COLOUR_NAMES.indexOf(v as ColourName);
}

interface Summary {
  timing: JobTiming;
  n: number;
  digitAgree: number | null;
  colourAgree: number | null;
  graded: number;
}

export function PromptToImageCellClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const text = TEXT[lang];
  const spec = useMemo(() => promptSpec(defaultGuidance), [defaultGuidance]);
  const { client, state } = useImageModel();
  const reducedMotion = usePrefersReducedMotion();
  const [slots, setSlots] = useState<GridSlot[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [tensors, setTensors] = useState<{ baseline: number; now: number } | null>(null);
  const baseline = useRef<number | null>(null);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const { digits, colours } = spreadConditions(v.count, digitOf(v.digit), colourOf(v.colour));
    const per = 28 * 28 * 3;
    setSummary(null);
    setSlots(digits.map((d, i) => ({ data: null, state: 'empty', requestedDigit: d, requestedColour: colours[i], verdict: null })));
    try {
      const info = await client.load({
        backend: v.backend as BackendPreference,
        onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction),
      });
      ctx.setBackend(info.backend);
      if (baseline.current === null) baseline.current = (await client.memory()).numTensors;
      throwIfAborted(ctx.signal);
      const steps = v.sampler === 'ddpm' ? info.T : v.steps;
      const previewEvery = Math.max(1, Math.round(steps / (reducedMotion ? 4 : 12)));
      const result = await client.sample(
        {
          sampler: v.sampler === 'ddpm' ? { kind: 'ddpm' } : { kind: 'ddim', steps: v.steps, eta: v.eta }, guidance: v.w,
          digits, colours, seed: v.seed, previewEvery, classify: true,
        },
        {
          signal: ctx.signal,
          onProgress: (done, total) => ctx.progress(done / total),
          onPreview: (start, n, x0, _done, _total) => setSlots((prev) => {
            const next = prev.slice();
            for (let i = 0; i < n; i++) {
              if (!next[start + i]) continue;
              next[start + i] = { ...next[start + i], data: x0.subarray(i * per, (i + 1) * per), state: 'preview' };
            }
            return next;
          }),
          onChunk: (start, n, images, verdicts) => setSlots((prev) => {
            const next = prev.slice();
            for (let i = 0; i < n; i++) {
              if (!next[start + i]) continue;
              next[start + i] = { ...next[start + i], data: images.subarray(i * per, (i + 1) * per), state: 'final', verdict: verdicts?.[i] ?? null };
            }
            return next;
          }),
        },
      );
      let dOk = 0, dN = 0, cOk = 0, cN = 0;
      result.verdicts?.forEach((q, i) => {
        if (digits[i] !== null) { dN++; if (q.digit === digits[i]) dOk++; }
        if (colours[i] !== null) { cN++; if (q.colour === colours[i]) cOk++; }
      });
      setSummary({
        timing: result.timing,
        n: digits.length,
        digitAgree: result.verdicts && dN > 0 ? dOk / dN : null,
        colourAgree: result.verdicts && cN > 0 ? cOk / cN : null,
        graded: result.verdicts?.length ?? 0,
      });
    } finally {
      if (client.state.status === 'ready' && baseline.current !== null) {
        const b = baseline.current;
        client.memory().then((m) => setTensors({ baseline: b, now: m.numTensors }), () => {});
      }
    }
  }, [client, reducedMotion]);

  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);
  const digitSelectLabels = Object.fromEntries(PROMPT_DIGITS.map((d) => [d, d === 'none' ? text.any : d === 'all' ? text.all : d]));
  const colourSelectLabels = Object.fromEntries(PROMPT_COLOURS.map((c) => [c, c === 'none' ? text.any : c === 'all' ? text.all : COLOUR_LABELS[lang][c as ColourName]]));

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      rules={RULES}
      run={run}
      code={code}
      caption={<p>{text.caption}</p>}
      onReset={() => { setSlots([]); setSummary(null); }}
      controls={({ values, setValue, running }) => {
        const parsed = parsePrompt(values.text);
        return (
          <>
            <div className={`control ${styles.promptBox}`}>
              <label htmlFor="prompt-text">{text.prompt}</label>
              <input
                id="prompt-text"
                name="prompt"
                type="text"
                value={values.text}
                maxLength={200}
                placeholder={text.placeholder}
                disabled={running}
                autoComplete="off"
                onChange={(e) => {
                  const t = e.currentTarget.value;
                  const p = parsePrompt(t);
                  setValue('text', t);
                  setValue('digit', p.digit === null ? 'none' : String(p.digit));
                  setValue('colour', p.colour ?? 'none');
                }}
              />
              <p className={styles.parse} data-testid="prompt-parse" data-digit={parsed.digit ?? 'none'} data-colour={parsed.colour ?? 'none'}>
                {text.understood}{parsed.understood.length ? parsed.understood.join(text.sep) : text.nothing}
                {parsed.ignored.length > 0 && <> · {text.ignored}{parsed.ignored.join(text.sep)}</>}
              </p>
              {parsed.problems.map((p, i) => (
                <p key={i} className={`${styles.parse} ${styles.problem}`} data-testid="prompt-problem" data-kind={p.kind}>{problemMessage(lang, p)}</p>
              ))}
            </div>
            <SelectControl label={text.digit} spec={spec.digit} value={values.digit} labels={digitSelectLabels} disabled={running}
              onChange={(v) => setValue('digit', v)} />
            <SelectControl label={text.colour} spec={spec.colour} value={values.colour} labels={colourSelectLabels} disabled={running}
              onChange={(v) => setValue('colour', v)} />
            <SelectControl label={text.sampler} spec={spec.sampler} value={values.sampler} labels={{ ddim: text.ddim, ddpm: text.ddpm }}
              disabled={running} onChange={(v) => setValue('sampler', v)} />
            <SliderControl label={text.steps} spec={spec.steps} value={values.steps} log disabled={running || values.sampler === 'ddpm'}
              onChange={(v) => setValue('steps', v)} />
            <SliderControl label={text.eta} spec={spec.eta} value={values.eta} step={0.05} disabled={running || values.sampler === 'ddpm'}
              format={(v) => v.toFixed(2)} onChange={(v) => setValue('eta', v)} />
            <SliderControl label={text.w} spec={spec.w} value={values.w} step={0.25} disabled={running}
              format={(v) => v.toFixed(2)} onChange={(v) => setValue('w', v)} />
            <NumberControl label={text.count} name="count" spec={spec.count} value={values.count} disabled={running}
              onChange={(v) => setValue('count', v)} />
            <NumberControl label={text.seed} name="seed" spec={spec.seed} value={values.seed} disabled={running}
              onChange={(v) => setValue('seed', v)} />
            <SelectControl label={text.backend} spec={spec.backend} value={values.backend} labels={{ auto: text.auto }}
              disabled={running} onChange={(v) => setValue('backend', v)} />
          </>
        );
      }}
    >
      {({ values }) => {
        const d = digitOf(values.digit);
        const c = colourOf(values.colour);
        const dl = d === 'all' ? text.all : digitLabel(lang, d);
        const cl = c === 'all' ? text.all : colourLabel(lang, c);
        return (
          <>
            <ModelStatus state={state} lang={lang} />
            <p className={styles.muted} data-testid="prompt-conditioning" data-w={values.w}>{text.conditioning(dl, cl, values.w, text.samplerDesc(values))}</p>
            <ImageGrid
              slots={slots}
              label={text.gridLabel}
              slotLabel={(s, i) => text.slotLabel(i, digitLabel(lang, s.requestedDigit), colourLabel(lang, s.requestedColour))}
              verdictText={text.verdict}
              verdictTitle={text.verdictTitle}
            />
            {summary && (
              <div data-testid="prompt-summary"
                data-total-seconds={summary.timing.totalSeconds}
                data-per-step-ms={summary.timing.perStepMs}
                data-network-seconds={summary.timing.networkSeconds}
                data-steps={summary.timing.steps}
                data-chunks={summary.timing.chunks}
                data-batch={summary.timing.batch}
                data-backend={summary.timing.backend}
                data-graded={summary.graded}
                data-digit-agreement={summary.digitAgree ?? ''}
                data-colour-agreement={summary.colourAgree ?? ''}>
                <p className={styles.muted}>{text.summary(summary.timing, summary.n)}</p>
                {summary.graded > 0 && <p className={styles.muted}>{text.agreement(pct(summary.digitAgree), pct(summary.colourAgree))}</p>}
              </div>
            )}
            {tensors && (
              <p className={styles.muted} data-testid="worker-tensors" data-num-tensors={tensors.now} data-baseline={tensors.baseline}>
                {text.tensors(tensors.now)}
              </p>
            )}
          </>
        );
      }}
    </Cell>
  );
}
