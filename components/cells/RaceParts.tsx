'use client';
/** The race cell's parts: controls (with the points file), one panel per model, the measured table and the talk's table. */
import { memo, useMemo } from 'react';
import type { Messages } from '@/messages';
import { useStrings } from '../LangProvider';
import { useStoreValue } from '../useStoreValue';
import { ParamControls } from '../cell/ParamControls';
import { fixed, seconds } from '@/messages/format';
import type { ValueStore } from '@/lib/valueStore';
import { RACE_MODELS, type RaceModelId } from '@/lib/race/protocol';
import { talkVerdicts, TALK_TABLE, type TalkRow } from '@/lib/race/verdict';
import { Scatter, boundsOf } from './Train2DCellParts';
import type { QualityPoint } from '@/lib/train2d/protocol';
import { DrawPad, type Drawing, type Upload } from './Train2DActions';
import { RACE_SPEC } from './catalog';
import type { ModelBoard, RaceBoard, RaceValues } from './raceRun';
import type { RaceResult } from '@/lib/race/protocol';
import t2d from './Train2DCell.module.css';
import styles from './RaceCell.module.css';

type Text = Messages['cells']['race'];
type SetValue = <K extends keyof typeof RACE_SPEC>(name: K, value: RaceValues[K]) => void;

export const RaceControls = memo(function RaceControls({ values, setValue, running, upload, onFile, drawing }: {
  values: RaceValues; setValue: SetValue; running: boolean; upload: Upload | null; onFile: (f: File | undefined) => void; drawing: Drawing;
}) {
  const ui = useStrings();
  const text = ui.cells.race;
  const dataParams = values.dataset === 'dino' || values.dataset === 'upload' ? (['dataset'] as const) : (['dataset', 'n'] as const);
  return (
    <>
      <ParamControls spec={RACE_SPEC} values={values} setValue={setValue} disabled={running} labels={text} params={dataParams}
        options={{ dataset: { optionLabels: { ...ui.datasets, ...text.datasetLabels } } }} />
      {values.dataset === 'upload' && (
        <div className={t2d.upload}>
          <label htmlFor="race-upload">{text.uploadLabel}</label>
          <input id="race-upload" name="points-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            disabled={running} onChange={(e) => onFile(e.currentTarget.files?.[0])} />
          {upload?.message && <p className={t2d.message} role="alert" data-testid="upload-message">{upload.message}</p>}
          {upload?.points && <p className={t2d.note} data-testid="upload-ok">{text.uploadOk(upload.name, upload.points.length / 2)}</p>}
        </div>
      )}
      {values.dataset === 'draw' && <DrawPad drawing={drawing} running={running} hint={text.drawHint} clearLabel={text.clearDrawing} />}
      <ParamControls spec={RACE_SPEC} values={values} setValue={setValue} disabled={running} labels={text}
        params={['seconds', 'mode', 'dSteps', 'ganLr', 'seed', 'backend']}
        options={{ mode: { optionLabels: text.modeLabels }, seconds: { as: 'number' }, ganLr: { log: true, format: (x) => fixed(x, 4) }, backend: { optionLabels: ui.backendChoices } }} />
    </>
  );
});

/** Precision (solid) and coverage (dashed), 0 to 1, against training time. */
function QualityCurve({ points, text }: { points: QualityPoint[]; text: Text['quality'] }) {
  const W = 260, H = 110, pad = 22;
  const tMax = Math.max(1, ...points.map((p) => p.seconds));
  const x = (s: number) => pad + ((W - 2 * pad) * s) / tMax;
  const y = (v: number) => H - pad - (H - 2 * pad) * v;
  const line = (f: (p: QualityPoint) => number) => points.map((p) => `${x(p.seconds).toFixed(1)},${y(f(p)).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <figure className={styles.chart} data-testid="race-quality" data-n={points.length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={text.alt}>
        <line x1={pad} y1={y(0)} x2={W - pad} y2={y(0)} className={styles.axis} />
        <line x1={pad} y1={y(1)} x2={W - pad} y2={y(1)} className={styles.axis} />
        <text x={4} y={y(1) + 4} className={styles.tick}>1</text>
        <text x={4} y={y(0) + 4} className={styles.tick}>0</text>
        <text x={W - pad} y={H - 6} textAnchor="end" className={styles.tick}>{fixed(tMax, 0)} {text.seconds}</text>
        {points.length > 0 && <><polyline points={line((p) => p.precision)} className={styles.lineP} /><polyline points={line((p) => p.coverage)} className={styles.lineC} /></>}
      </svg>
      <figcaption>
        <span className={styles.keyP}>━</span> {text.precision}{last ? ` ${fixed(last.precision, 2)}` : ''} · <span className={styles.keyC}>╍</span> {text.coverage}{last ? ` ${fixed(last.coverage, 2)}` : ''}
      </figcaption>
    </figure>
  );
}

/** One model's panel; memoized, so a progress tick of another model does not re-render it. */
const ModelPanel = memo(function ModelPanel({ model, b, train, text, onRestart, running }: {
  model: RaceModelId; b: ModelBoard; train: Float32Array | null; text: Text; onRestart: (m: RaceModelId) => void; running: boolean;
}) {
  const p = b.progress;
  const name = text.models[model];
  const bounds = useMemo(() => boundsOf(train), [train]);
  return (
    <div className={styles.panel} data-model={model} data-state={b.state}>
      <h4>{name}<span className={styles.state}>{text.state[b.state]}</span></h4>
      <Scatter bounds={bounds} size={260} testId={`race-preview-${model}`}
        layers={[{ points: train, color: 'fgSoft', size: 3, alpha: 0.6 }, { points: b.preview, color: 'warn', size: 2, alpha: 0.5 }]}
        label={text.previewAlt(name, b.preview ? b.preview.length / 2 : 0, train ? train.length / 2 : 0)} />
      <div className={t2d.stats} data-testid={`race-stats-${model}`}>
        <span>{text.step} <b data-testid={`race-step-${model}`}>{p?.step ?? 0}</b></span>
        <span>{text.sps} <b>{p ? fixed(p.stepsPerSecond, 0) : '–'}</b></span>
        <span>{text.elapsed} <b>{seconds(p ? p.seconds * 1000 : 0)}</b></span>
        <span>{text.lossName[model]} <b>{p && Number.isFinite(p.loss) ? fixed(p.loss, 3) : '–'}</b></span>
        {text.partNames[model].map((label, i) => { const v = p?.parts[i]; return <span key={i}>{label} <b>{v !== undefined && Number.isFinite(v) ? fixed(v, 3) : '–'}</b></span>; })}
      </div>
      <QualityCurve points={b.quality} text={text.quality} />
      {b.result?.failure && (
        <div role="alert" data-testid={`race-failure-${model}`}>
          <p className={t2d.message}>{text.failed(b.result.failure.kind, b.result.failure.step)}</p>
          <button type="button" data-action={`restart-${model}`} disabled={running} onClick={() => onRestart(model)}>{text.restart(name)}</button>
        </div>
      )}
    </div>
  );
});

type Results = Record<RaceModelId, RaceResult | null>;

const MeasuredTable = memo(function MeasuredTable({ results, text }: { results: Results; text: Text }) {
  const done = RACE_MODELS.filter((m) => results[m] && !results[m]!.stopped && !results[m]!.failure);
  const fastest = Math.min(...done.map((m) => results[m]!.sampleMs));
  const lk = (m: RaceModelId) => {
    const l = results[m]!.likelihood;
    return l.kind === 'none' ? text.likelihood.none : l.value === null ? text.likelihood.unmeasured
      : l.kind === 'exact' ? text.likelihood.exact(l.value) : l.kind === 'elbo' ? text.likelihood.elbo(l.value) : text.likelihood.bound(l.value);
  };
  return (
    <table data-testid="race-table">
      <caption>{text.table.title}</caption>
      <thead><tr><th>{text.table.model}</th><th>{text.table.precision}</th><th>{text.table.coverage}</th><th>{text.table.sampling}</th><th>{text.table.likelihood}</th><th>{text.table.steps}</th></tr></thead>
      <tbody>
        {/* One row per model from the start ('–' until it finishes), so a result fills cells and does not move the page. */}
        {RACE_MODELS.map((m) => { const r = done.includes(m) ? results[m]! : null; return r ? (
          <tr key={m} data-model={m}>
            <th scope="row">{text.models[m]}</th>
            <td>{fixed(r.quality!.precision, 3)}</td><td>{fixed(r.quality!.coverage, 3)}</td>
            <td>{text.samplingText(r.sampleMs, r.passes, done.length > 1 && fastest > 0 ? r.sampleMs / fastest : null)}</td>
            <td>{lk(m)}</td><td>{r.steps}</td>
          </tr>
        ) : (
          <tr key={m} data-pending={m}><th scope="row">{text.models[m]}</th><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>
        ); })}
      </tbody>
      <tfoot><tr><td colSpan={6}>{done.length === 0 ? text.table.empty : '\u00a0'}</td></tr></tfoot>
    </table>
  );
});

const TalkTable = memo(function TalkTable({ results, text }: { results: Results; text: Text }) {
  const v = talkVerdicts(Object.fromEntries(RACE_MODELS.map((m) => [m, results[m] ?? undefined])));
  const cols: (keyof TalkRow)[] = ['quality', 'coverage', 'speed', 'likelihood'];
  return (
    <table data-testid="race-talk-table">
      <caption>{text.talk.title}</caption>
      <thead><tr><th>{text.talk.family}</th>{cols.map((c) => <th key={c}>{text.talk[c]}</th>)}</tr></thead>
      <tbody>
        {RACE_MODELS.map((m) => (
          <tr key={m} data-model={m}>
            <th scope="row">{text.models[m]}</th>
            {cols.map((c) => (
              <td key={c} data-verdict={v[m][c]}>
                {text.talk.claims[TALK_TABLE[m][c]]} <small className={styles[v[m][c]]}>({text.talk.verdict[v[m][c]]})</small>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export const RaceOutput = memo(function RaceOutput({ board, train, running, onRestart, reason }: {
  board: ValueStore<RaceBoard>; train: Float32Array | null; running: boolean; onRestart: (m: RaceModelId) => void; reason: string | null;
}) {
  const text = useStrings().cells.race;
  const b = useStoreValue(board);
  // The tables change only when a result arrives, not with every progress tick.
  const results = useMemo<Results>(() => ({ gan: b.gan.result, vae: b.vae.result, flow: b.flow.result, ddpm: b.ddpm.result }),
    [b.gan.result, b.vae.result, b.flow.result, b.ddpm.result]);
  return (
    <div>
      {reason && <p className={t2d.reason} data-testid="backend-reason">{reason}</p>}
      <div className={styles.grid}>
        {RACE_MODELS.map((m) => <ModelPanel key={m} model={m} b={b[m]} train={train} text={text} running={running} onRestart={onRestart} />)}
      </div>
      <div className={styles.tables}>
        <MeasuredTable results={results} text={text} />
        <TalkTable results={results} text={text} />
        <p className={t2d.note}>{text.talk.rule} {text.units}</p>
      </div>
    </div>
  );
});
