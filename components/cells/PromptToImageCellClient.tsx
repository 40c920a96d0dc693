'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { useLang, useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { promptSpec, type CellClientProps } from './catalog';
import { PromptControls, PromptDetails, PromptSummaryView, type PromptSummary } from './PromptToImageParts';
import type { ParamRule } from '@/lib/paramRules';
import { COLOUR_NAMES, parsePrompt, type ColourName } from '@/lib/imageSampling/prompt';
import { spreadConditions } from '@/lib/imageSampling/sampleImages';
import type { BackendPreference } from '@/lib/backend/decide';
import { useImageModel } from '../imageModel/useImageModel';
import { ModelStatus } from '../imageModel/ModelStatus';
import { ImageGrid } from '../imageModel/ImageGrid';
import { useImageSlots } from '../imageModel/useImageSlots';
import { colourLabel, digitLabel, verdictLabels } from '../imageModel/labels';
import styles from '../imageModel/imageModel.module.css';

type Spec = ReturnType<typeof promptSpec>;

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

function digitOf(v: string): number | null | 'all' {
  return v === 'none' ? null : v === 'all' ? 'all' : Number(v);
}
function colourOf(v: string): number | null | 'all' {
  return v === 'none' ? null : v === 'all' ? 'all' : COLOUR_NAMES.indexOf(v as ColourName);
}

type Summary = PromptSummary;

export function PromptToImageCellClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const ui = useStrings();
  const text = ui.cells.prompt;
  const verdict = verdictLabels(lang);
  const spec = useMemo(() => promptSpec(defaultGuidance, text.defaultText), [defaultGuidance, text.defaultText]);
  const { client, state } = useImageModel();
  const reducedMotion = usePrefersReducedMotion();
  const [slots, slotsApi] = useImageSlots();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [tensors, setTensors] = useState<{ baseline: number; now: number } | null>(null);
  const baseline = useRef<number | null>(null);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const { digits, colours } = spreadConditions(v.count, digitOf(v.digit), colourOf(v.colour));
    setSummary(null);
    slotsApi.begin(digits, colours);
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
          onPreview: slotsApi.preview,
          onChunk: slotsApi.final,
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
  }, [client, reducedMotion, slotsApi]);

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      rules={RULES}
      run={run}
      code={code}
      caption={<p><MathText text={text.caption} /></p>}
      onReset={() => { slotsApi.clear(); setSummary(null); }}
      controls={(api) => <PromptControls api={api} spec={spec} text={text} lang={lang} colours={ui.colours} />}
    >
      {({ values }) => {
        const d = digitOf(values.digit);
        const c = colourOf(values.colour);
        const dl = d === 'all' ? text.all : digitLabel(lang, d);
        const cl = c === 'all' ? text.all : colourLabel(lang, c);
        return (
          <>
            <ModelStatus state={state} />
            <p className={styles.muted} data-testid="prompt-conditioning" data-w={values.w}>{text.conditioning(dl, cl, values.w, values.sampler === 'ddpm' ? text.samplerDdpm : text.samplerDdim(values.steps, values.eta))}</p>
            <ImageGrid
              slots={slots}
              label={text.gridLabel}
              slotLabel={(s, i) => text.slotLabel(i, digitLabel(lang, s.requestedDigit), colourLabel(lang, s.requestedColour))}
              verdictText={verdict.text}
              verdictTitle={verdict.title}
            />
            {summary && <PromptSummaryView summary={summary} text={text} />}
            <PromptDetails summary={summary} tensors={tensors} text={text} />
          </>
        );
      }}
    </Cell>
  );
}
