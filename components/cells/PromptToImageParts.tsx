'use client';
/** The prompt-to-image cell's pieces: the prompt box and controls, and the run summary. */
import type { Messages } from '@/messages';
import type { Lang } from '@/lib/chapters';
import { fixed, percent } from '@/messages/format';
import { parsePrompt, type ColourName } from '@/lib/imageSampling/prompt';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { CellApi } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { problemMessage } from '../imageModel/labels';
import { PROMPT_COLOURS, PROMPT_DIGITS, type promptSpec } from './catalog';
import styles from '../imageModel/imageModel.module.css';

type Spec = ReturnType<typeof promptSpec>;
type Text = Messages['cells']['prompt'];

export interface PromptSummary {
  timing: JobTiming;
  n: number;
  digitAgree: number | null;
  colourAgree: number | null;
  graded: number;
}

/** Typing a prompt fills in the digit and colour selects with what the parser understood. */
function PromptBox({ api, text, lang }: { api: CellApi<Spec>; text: Text; lang: Lang }) {
  const { values, setValue, running } = api;
  const parsed = parsePrompt(values.text);
  return (
    <div className={`control ${styles.promptBox}`}>
      <label htmlFor="prompt-text">{text.prompt}</label>
      <input id="prompt-text" name="prompt" type="text" value={values.text} maxLength={200} placeholder={text.placeholder}
        disabled={running} autoComplete="off"
        onChange={(e) => {
          const t = e.currentTarget.value;
          const p = parsePrompt(t);
          setValue('text', t);
          setValue('digit', p.digit === null ? 'none' : String(p.digit));
          setValue('colour', p.colour ?? 'none');
        }} />
      <p className={styles.parse} data-testid="prompt-parse" data-digit={parsed.digit ?? 'none'} data-colour={parsed.colour ?? 'none'}>
        {text.understood}{parsed.understood.length ? parsed.understood.join(text.sep) : text.nothing}
        {parsed.ignored.length > 0 && <> · {text.ignored}{parsed.ignored.join(text.sep)}</>}
      </p>
      {parsed.problems.map((p, i) => (
        <p key={i} className={`${styles.parse} ${styles.problem}`} data-testid="prompt-problem" data-kind={p.kind}>{problemMessage(lang, p)}</p>
      ))}
    </div>
  );
}

export function PromptControls({ api, spec, text, lang, colours }: {
  api: CellApi<Spec>; spec: Spec; text: Text; lang: Lang; colours: Record<ColourName, string>;
}) {
  const { values, setValue, running } = api;
  const ddpm = values.sampler === 'ddpm';
  const two = (v: number) => fixed(v, 2);
  return (
    <>
      <PromptBox api={api} text={text} lang={lang} />
      <ParamControls spec={spec} values={values} setValue={setValue} disabled={running} labels={text}
        params={['digit', 'colour', 'sampler', 'steps', 'eta', 'w', 'count', 'seed', 'backend']}
        options={{
          digit: { optionLabels: Object.fromEntries(PROMPT_DIGITS.map((d) => [d, d === 'none' ? text.any : d === 'all' ? text.all : d])) },
          colour: { optionLabels: Object.fromEntries(PROMPT_COLOURS.map((c) => [c, c === 'none' ? text.any : c === 'all' ? text.all : colours[c as ColourName]])) },
          sampler: { optionLabels: { ddim: text.ddim, ddpm: text.ddpm } },
          steps: { log: true, disabled: running || ddpm }, eta: { step: 0.05, format: two, disabled: running || ddpm }, w: { step: 0.25, format: two },
          count: { as: 'number' }, backend: { optionLabels: { auto: text.auto } },
        }} />
    </>
  );
}

/** Timing and the classifier's agreement with what was asked, with the numbers as data for the tests. */
export function PromptSummaryView({ summary, text }: { summary: PromptSummary; text: Text }) {
  const pct = (x: number | null) => (x === null ? '—' : percent(x));
  const t = summary.timing;
  return (
    <div data-testid="prompt-summary" data-total-seconds={t.totalSeconds} data-per-step-ms={t.perStepMs}
      data-network-seconds={t.networkSeconds} data-steps={t.steps} data-chunks={t.chunks} data-batch={t.batch}
      data-backend={t.backend} data-graded={summary.graded}
      data-digit-agreement={summary.digitAgree ?? ''} data-colour-agreement={summary.colourAgree ?? ''}>
      <p className={styles.muted}>{text.summaryPlain(summary.n, t.totalSeconds)}</p>
      {summary.graded > 0 && <p className={styles.muted}>{text.agreement(pct(summary.digitAgree), pct(summary.colourAgree))}</p>}
    </div>
  );
}

/**
 * Batches, per-step time and backend of the last finished run, and the worker's tensor count
 * (also after a Stop): for the curious, behind a disclosure.
 */
export function PromptDetails({ summary, tensors, text }: {
  summary: PromptSummary | null; tensors: { now: number; baseline: number } | null; text: Text;
}) {
  if (!summary && !tensors) return null;
  return (
    <details className={styles.muted} data-testid="prompt-details">
      <summary>{text.details}</summary>
      {summary && <p>{text.summary(summary.timing, summary.n)}</p>}
      {tensors && <p data-testid="worker-tensors" data-num-tensors={tensors.now} data-baseline={tensors.baseline}>{text.tensors(tensors.now)}</p>}
    </details>
  );
}
