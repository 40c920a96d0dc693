'use client';
/** The speed/quality cell's pieces: its controls, one side's panel (DDPM or DDIM) and the history table. */
import type { Messages } from '@/messages';
import type { Lang } from '@/lib/chapters';
import { fixed, percent, seconds } from '@/messages/format';
import type { ColourName } from '@/lib/imageSampling/prompt';
import { compareRuns, type Agreement, type PartialRun } from '@/lib/imageExtras/speed';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { CellApi } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { ImageGrid, type GridSlot } from '../imageModel/ImageGrid';
import { colourLabel, digitLabel, verdictLabels } from '../imageModel/labels';
import { RANDOM_COLOURS, RANDOM_DIGITS, SPEED_PREVIEW_STEPS, type speedSpec } from './catalog';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof speedSpec>;
type Text = Messages['cells']['speed'];

export type Side = {
  slots: GridSlot[];
  /** partial: DDPM stopped on purpose after its first steps (`projection` says what the whole run would cost). */
  state: 'waiting' | 'running' | 'done' | 'stopped' | 'partial';
  timing: JobTiming | null;
  projection?: PartialRun;
  quality: Agreement | null;
  reused?: boolean;
};

export interface HistoryRow { S: number; eta: number; seconds: number; perStep: number; q: number | null }

export function SpeedControls({ api, spec, text, colours }: { api: CellApi<Spec>; spec: Spec; text: Text; colours: Record<ColourName, string> }) {
  const two = (v: number) => fixed(v, 2);
  return (
    <ParamControls spec={spec} values={api.values} setValue={api.setValue} disabled={api.running} labels={text}
      params={['steps', 'eta', 'ddpmRun', 'count', 'digit', 'colour', 'w', 'seed']}
      options={{
        steps: { log: true }, eta: { step: 0.05, format: two }, count: { as: 'number' }, w: { step: 0.25, format: two },
        ddpmRun: { optionLabels: { preview: text.ddpmPreview(SPEED_PREVIEW_STEPS), full: text.ddpmFull } },
        digit: { optionLabels: Object.fromEntries(RANDOM_DIGITS.map((d) => [d, d === 'random' ? text.random : d])) },
        colour: { optionLabels: Object.fromEntries(RANDOM_COLOURS.map((c) => [c, c === 'random' ? text.random : colours[c as ColourName]])) },
      }} />
  );
}

function PartialNote({ projection, text, onRunFull }: { projection: PartialRun; text: Text; onRunFull?: () => void }) {
  return (
    <>
      <p className={styles.timing} data-testid="speed-projection" data-projected-seconds={projection.projectedSeconds} data-steps-done={projection.stepsDone}>
        {text.partial(projection)}
      </p>
      {onRunFull && <p><button type="button" data-action="speed-run-full" onClick={onRunFull}>{text.runFull(projection.T)}</button></p>}
    </>
  );
}

/** One sampler's images, wall time, ms per step and the classifier's agreement (as data for the tests). */
export function SidePanel({ side, kind, heading, text, lang, onRunFull }: {
  side: Side; kind: 'ddpm' | 'ddim'; heading: string; text: Text; lang: Lang; onRunFull?: () => void;
}) {
  const verdict = verdictLabels(lang);
  return (
    <section className={styles.panel} data-testid={`speed-${kind}`} data-state={side.state}
      data-total-seconds={side.timing?.totalSeconds ?? ''} data-per-step-ms={side.timing?.perStepMs ?? ''}
      data-steps={side.timing?.steps ?? ''} data-agreement={side.quality ? side.quality.both : ''} data-reused={side.reused ? 'true' : 'false'}>
      <h5>{heading}</h5>
      <ImageGrid slots={side.slots} label={heading}
        slotLabel={(s, i) => text.slot(i, digitLabel(lang, s.requestedDigit), colourLabel(lang, s.requestedColour), kind.toUpperCase())}
        verdictText={verdict.text} verdictTitle={verdict.title} />
      {side.timing ? <p className={styles.timing}>{text.timing(side.timing)}</p>
        : side.projection ? <PartialNote projection={side.projection} text={text} onRunFull={onRunFull} />
          : <p className={styles.muted}>{side.state === 'waiting' ? text.waiting : side.state === 'stopped' ? text.stopped : text.running}</p>}
      {side.timing && (side.quality ? <p className={styles.timing}>{text.quality(side.quality)}</p> : <p className={styles.muted}>{text.noClassifier}</p>)}
      {side.reused && <p className={styles.muted}>{text.reused}</p>}
    </section>
  );
}

export function HistoryTable({ history, text }: { history: HistoryRow[]; text: Text }) {
  return (
    <table className={styles.history} aria-label={text.history}>
      <caption className={styles.muted}>{text.history}</caption>
      <thead><tr><th>{text.hS}</th><th>{text.hEta}</th><th>{text.hTime}</th><th>{text.hPer}</th><th>{text.hQ}</th></tr></thead>
      <tbody>
        {history.map((h, i) => (
          <tr key={i}><td>{h.S}</td><td>{fixed(h.eta, 2)}</td><td>{seconds(h.seconds * 1000, 2)}</td><td>{fixed(h.perStep, 1)}</td><td>{h.q === null ? '—' : percent(h.q)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** DDPM's time against DDIM's: measured, or projected from DDPM's first steps. */
export function SpeedRatio({ ddpm, ddim, text }: { ddpm: Side; ddim: Side; text: Text }) {
  if (!ddim.timing) return null;
  if (ddpm.projection) {
    const p = ddpm.projection;
    return <p data-testid="speed-ratio" data-projected="true">{text.projectedRatio(p.projectedSeconds / ddim.timing.totalSeconds, p.T / ddim.timing.steps)}</p>;
  }
  if (!ddpm.timing) return null;
  const cmp = compareRuns(ddpm.timing, ddim.timing);
  return (
    <p data-testid="speed-ratio" data-time-ratio={cmp.timeRatio} data-step-ratio={cmp.stepRatio} data-per-step-ratio={cmp.perStepRatio}>
      {text.ratio(cmp.timeRatio, cmp.stepRatio, cmp.perStepRatio)}
    </p>
  );
}
