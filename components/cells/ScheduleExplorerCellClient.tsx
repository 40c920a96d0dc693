'use client';
/**
 * β-schedule explorer (theory chapter). Two schedules, A and B, each with its own kind, T, β_1,
 * β_T or typed formula; plots of β_t, ᾱ_t and √ᾱ_t, and SNR_t (log scale) against t; ᾱ_T always
 * shown, with a warning when it is above 10⁻³; a row of one MNIST digit noised at a few t under
 * each schedule. Everything is recomputed from the core's `makeSchedule` on every input. The
 * formula parser (and mathjs with it) is loaded only when a custom formula is chosen.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Cell, type CellApi } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { ShownSettingsGroup } from '../cell/shownSettings';
import { useStrings } from '../LangProvider';
import { MathText } from '../MathText';
import { formulaProblemText, scheduleProblemText, type Messages } from '@/messages';
import type { FormulaProblem } from '@/lib/diffusion/formula';
import { significant } from '@/messages/format';
import { drawGrayImage } from '../plot/canvas';
import { markInput, reportRender } from '../plot/timing';
import { CurveChart, type CurveFrame, type CurveSeries } from '../plot/CurveChart';
import { useThemeColors } from '../plot/useThemeColors';
import { decadeDomain, niceCeil125, niceCeil2 } from '@/lib/plotting/scales';
import {
  TERMINAL_ALPHABAR_WARNING, scheduleSummary, scheduleTable, tryMakeSchedule, type BuiltinScheduleKind, type ScheduleKind, type ScheduleProblem, type ScheduleTable,
} from '@/lib/diffusion/schedule';
import { qSample } from '@/lib/diffusion/forward';
import {
  FORMULA_MAX_LENGTH, builtinSpec, customSpec,
  fractionSteps, isCustomKind, stepsOf, usesEndpoints,
} from '@/lib/plotting/scheduleParams';
import { MNIST_SIDE, mnistDigitSigned } from '@/lib/data/mnistSamples';
import { makeRng } from '@/lib/rng';
import type { ParamValues } from '@/lib/urlState';
import { SCHEDULE_SPEC as SPEC, type CellClientProps } from './catalog';
import styles from './ScheduleExplorerCell.module.css';

type Spec = typeof SPEC;
type Values = ParamValues<Spec>;
type SlotName = 'A' | 'B';

const SLOT_KEYS = {
  A: { kind: 'kind', T: 'T', b1: 'b1', bT: 'bT', fb: 'fb', fa: 'fa' },
  B: { kind: 'kindB', T: 'TB', b1: 'b1B', bT: 'bTB', fb: 'fbB', fa: 'faB' },
} as const;

/** What a formula may contain (lib/diffusion/formula.ts): code, the same in every language. */
const FORMULA_SYNTAX = 't, T, pi, e, + − * / ^, exp, log, sqrt, cos, sin, tanh, min, max…';

const DIGIT_FRACTIONS = [0, 0.1, 0.25, 0.5, 0.75, 1] as const;

type Text = Messages['cells']['schedule'];

// ---- the formula parser, loaded on first use (this keeps mathjs out of the page's bundle) ----
type FormulaModule = typeof import('@/lib/diffusion/formula');
let formulaModule: FormulaModule | null = null;
let formulaLoad: Promise<FormulaModule> | null = null;
function loadFormulaModule(): Promise<FormulaModule> {
  formulaLoad ??= import('@/lib/diffusion/formula').then((m) => { formulaModule = m; return m; });
  formulaLoad.catch(() => { formulaLoad = null; });
  return formulaLoad;
}

/** A formula that does not parse, or a schedule that cannot be built (both worded by messages/). */
type SlotProblem = { formula: FormulaProblem } | { schedule: ScheduleProblem };
function slotProblemText(ui: Messages, p: SlotProblem): string {
  return 'formula' in p ? formulaProblemText(ui, p.formula) : scheduleProblemText(ui, p.schedule);
}

type SlotResult =
  | { status: 'ok'; table: ScheduleTable }
  | { status: 'error'; problem: SlotProblem }
  | { status: 'loading' };

function slotParams(v: Values, s: SlotName) {
  const k = SLOT_KEYS[s];
  return { kind: v[k.kind], T: v[k.T], b1: v[k.b1], bT: v[k.bT], fb: v[k.fb], fa: v[k.fa] };
}

function computeSlot(p: ReturnType<typeof slotParams>, parser: FormulaModule | null): SlotResult {
  if (isCustomKind(p.kind)) {
    if (!parser) return { status: 'loading' };
    const text = p.kind === 'custom-beta' ? p.fb : p.fa;
    const parsed = parser.parseScheduleFormula(text, p.kind === 'custom-beta' ? 'beta' : 'alphaBar');
    if (!parsed.ok) return { status: 'error', problem: { formula: parsed.problem } };
    const r = tryMakeSchedule(customSpec(p.kind, p.T, parsed.fn, parsed.text));
    return r.ok ? { status: 'ok', table: r.table } : { status: 'error', problem: { schedule: r.problem } };
  }
  const r = tryMakeSchedule(builtinSpec(p.kind as BuiltinScheduleKind, p.T, p.b1, p.bT));
  return r.ok ? { status: 'ok', table: r.table } : { status: 'error', problem: { schedule: r.problem } };
}

export function ScheduleExplorerCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.schedule;
  return (
    <Cell
      id={id}
      title={text.title}
      spec={SPEC}
      preview
      // Everything is recomputed on every input; Run redraws (and times) the figure once more.
      run={async () => { markInput('schedule'); }}
      code={code}
      backend={ui.backendMainThread}
      caption={<p><MathText text={text.caption} /> {text.credit}</p>}
      controls={(api) => <ScheduleControls api={api} text={text} />}
    >
      {(api) => <ScheduleFigure values={api.values} text={text} />}
    </Cell>
  );
}

// ------------------------------------------------------------------------------------------------
// Controls

function ScheduleControls({ api, text }: { api: CellApi<Spec>; text: Text }) {
  const { values, setValue } = api;
  const set = useCallback(<K extends keyof Spec>(name: K, v: Values[K]) => {
    markInput('schedule');
    setValue(name, v);
  }, [setValue]);
  // The redraw benchmark (bench/ui.mjs) times every control from its input.
  const common = { spec: SPEC, values, setValue, labels: text, onChange: () => markInput('schedule') };
  return (
    <div className={styles.controls}>
      <SlotControls slot="A" values={values} set={set} text={text} />
      <ParamControls {...common} params={['compare']} />
      {values.compare && <SlotControls slot="B" values={values} set={set} text={text} />}
      <fieldset className={styles.slot}>
        <ParamControls {...common} params={['logBeta', 'digit', 'seed']} />
      </fieldset>
    </div>
  );
}

function SlotControls({
  slot, values, set, text,
}: {
  slot: SlotName;
  values: Values;
  set: <K extends keyof Spec>(name: K, v: Values[K]) => void;
  text: Text;
}) {
  const k = SLOT_KEYS[slot];
  const kind = values[k.kind];
  const custom = isCustomKind(kind);
  const endpoints = usesEndpoints(kind);
  const fKey = kind === 'custom-alphaBar' ? k.fa : k.fb;
  const sl = slot.toLowerCase();
  return (
    <fieldset className={styles.slot} data-slot={sl}>
      <legend>{text.slot(slot)}</legend>
      <ShownSettingsGroup group={text.slot(slot)}>
        {/* One wrapper per control: the browser tests and the UI benchmark find them by slot. */}
        {([
          ['kind', k.kind, { label: text.kind, optionLabels: text.kinds }],
          ['T', k.T, { label: text.T, log: true }],
          ['b1', k.b1, { label: text.b1, log: true, disabled: !endpoints, format: significant }],
          ['bT', k.bT, { label: text.bT, log: true, disabled: !endpoints, format: significant }],
        ] as const).map(([control, name, options]) => (
          <div key={control} data-control={`${control}-${sl}`}>
            <ParamControls spec={SPEC} values={values} setValue={set} labels={{}} params={[name]} options={{ [name]: options }} />
          </div>
        ))}
        {custom && (
          <FormulaInput
            name={`formula-${sl}`}
            label={kind === 'custom-alphaBar' ? text.formulaAlphaBar : text.formulaBeta}
            help={text.formulaHelp}
            applyLabel={text.apply}
            value={values[fKey]}
            onApply={(f) => set(fKey, f)}
          />
        )}
      </ShownSettingsGroup>
    </fieldset>
  );
}

function FormulaInput({
  name, label, help, applyLabel, value, onApply,
}: {
  name: string; label: string; help: string; applyLabel: string; value: string; onApply: (f: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  // A reset or a new URL value replaces the draft (adjusted while rendering, not in an effect).
  const [applied, setApplied] = useState(value);
  if (applied !== value) { setApplied(value); setDraft(value); }
  const helpId = `${name}-help`;
  return (
    <form className={styles.formula} onSubmit={(e) => { e.preventDefault(); onApply(draft.slice(0, FORMULA_MAX_LENGTH)); }}>
      <label>
        <span>{label}</span>
        <input type="text" name={name} value={draft} maxLength={FORMULA_MAX_LENGTH} spellCheck={false}
          autoComplete="off" aria-describedby={helpId} onChange={(e) => setDraft(e.currentTarget.value)} />
      </label>
      <button type="submit" data-action={`apply-${name}`}>{applyLabel}</button>
      <small id={helpId}>{help} <code>{FORMULA_SYNTAX}</code></small>
    </form>
  );
}

// ------------------------------------------------------------------------------------------------
// Figure

interface Series {
  slot: SlotName;
  table: ScheduleTable;
  color: string;
  dash: string | undefined;
}

/** One slot's schedule, recomputed only when one of its own parameters (or the parser) changes. */
function useSlotResult(v: Values, s: SlotName, parser: FormulaModule | null, on: boolean): SlotResult | null {
  const { kind, T, b1, bT, fb, fa } = slotParams(v, s);
  return useMemo(() => (on ? computeSlot({ kind, T, b1, bT, fb, fa }, parser) : null), [on, kind, T, b1, bT, fb, fa, parser]);
}

const LOADING: SlotResult = { status: 'loading' };
const DEFAULT_A = scheduleTable(builtinSpec('linear', 1000, 1e-4, 0.02));

/**
 * Schedules A and B as the figure shows them: the formula parser loaded when a custom kind needs
 * it, and the last table that worked kept on screen while an input is invalid.
 */
function useScheduleSlots(values: Values) {
  const [parser, setParser] = useState<FormulaModule | null>(formulaModule);
  const [loadError, setLoadError] = useState<string | null>(null);
  const pa = slotParams(values, 'A');
  const pb = slotParams(values, 'B');
  const needsParser = isCustomKind(pa.kind) || (values.compare && isCustomKind(pb.kind));

  useEffect(() => {
    if (!needsParser || parser) return;
    let live = true;
    loadFormulaModule().then(
      (m) => { if (live) { setParser(m); setLoadError(null); } },
      (e: unknown) => { if (live) setLoadError(e instanceof Error ? e.message : String(e)); },
    );
    return () => { live = false; };
  }, [needsParser, parser]);

  // A is always shown (the null case is only B's).
  const resA = useSlotResult(values, 'A', parser, true) ?? LOADING;
  const resB = useSlotResult(values, 'B', parser, values.compare);

  // The last schedule that worked, per slot: an invalid input leaves it on screen. It is state
  // adjusted while rendering (React's pattern for remembering a previous render's value).
  const [lastGood, setLastGood] = useState<{ A: ScheduleTable | null; B: ScheduleTable | null }>({ A: null, B: null });
  const goodA = resA.status === 'ok' ? resA.table : lastGood.A;
  const goodB = resB && resB.status === 'ok' ? resB.table : lastGood.B;
  if (goodA !== lastGood.A || goodB !== lastGood.B) setLastGood({ A: goodA, B: goodB });
  const tableA = goodA ?? DEFAULT_A;
  const tableB = resB ? goodB : null;
  return { pa, pb, resA, resB, tableA, tableB, loadError };
}

function ScheduleFigure({ values, text }: { values: Values; text: Text }) {
  const ui = useStrings();
  const colors = useThemeColors();
  const { pa, pb, resA, resB, tableA, tableB, loadError } = useScheduleSlots(values);

  const series = useMemo(() => {
    const s: Series[] = [{ slot: 'A', table: tableA, color: colors.accent, dash: undefined }];
    if (tableB) s.push({ slot: 'B', table: tableB, color: colors.warn, dash: '6,4' });
    return s;
  }, [tableA, tableB, colors.accent, colors.warn]);
  const summaries = series.map((s) => ({ slot: s.slot, sum: scheduleSummary(s.table), T: s.table.T }));

  const labelA = text.kinds[pa.kind as ScheduleKind];
  const labelB = values.compare ? text.kinds[pb.kind as ScheduleKind] : null;
  const maxT = Math.max(...series.map((s) => s.table.T), 2);

  const charts = useMemo(() => buildCharts(series, maxT, values.logBeta, text, colors.error), [series, maxT, values.logBeta, text, colors.error]);
  const figureRef = useRef<HTMLElement>(null);
  // Declared after the plots: runs once they are in the DOM (and after the digit rows below).
  useLayoutEffect(() => { reportRender('schedule', figureRef.current); });

  const errors: { slot: SlotName; message: string }[] = [];
  if (resA.status === 'error') errors.push({ slot: 'A', message: slotProblemText(ui, resA.problem) });
  if (resB && resB.status === 'error') errors.push({ slot: 'B', message: slotProblemText(ui, resB.problem) });
  const loading = (resA.status === 'loading' || resB?.status === 'loading') && !loadError;

  return (
    <figure className={styles.figure} ref={figureRef} data-testid="schedule-figure">
      {loading && <p className={styles.loading} role="status">{text.loading}</p>}
      {loadError && <p className={styles.error} role="alert">{text.loadFailed(loadError)}</p>}
      {errors.map((e) => (
        <p key={e.slot} className={styles.error} role="alert" data-testid={`schedule-error-${e.slot.toLowerCase()}`}>
          {text.notUpdated(e.slot, e.message)}
        </p>
      ))}
      <ul className={styles.summaries}>
        {summaries.map(({ slot, sum, T }) => (
          <li key={slot} data-testid={`schedule-summary-${slot.toLowerCase()}`}>
            <span className={styles.swatch} style={{ borderColor: slot === 'A' ? colors.accent : colors.warn, borderStyle: slot === 'A' ? 'solid' : 'dashed' }} aria-hidden="true" />
            <strong>{slot}</strong>{' '}
            <span data-testid={`schedule-alphabar-T-${slot.toLowerCase()}`} data-value={sum.alphaBarT}>{text.summary(slot, sum, T)}</span>
          </li>
        ))}
      </ul>
      {summaries.filter((s) => s.sum.terminalSnrWarning).map(({ slot, sum }) => (
        <p key={slot} className={styles.warning} data-testid={`schedule-warning-${slot.toLowerCase()}`}>
          <span aria-hidden="true">⚠ </span>{text.warning(slot, sum)}
        </p>
      ))}
      <div className={styles.plots}>
        <div data-plot="beta">
          <CurveChart frame={charts.beta.frame} series={charts.beta.series} colors={colors} label={text.plotAlt('β_t', labelA, labelB)} />
        </div>
        <div data-plot="alphaBar">
          <CurveChart frame={charts.alphaBar.frame} series={charts.alphaBar.series} colors={colors} label={text.plotAlt('ᾱ_t, √ᾱ_t', labelA, labelB)} />
        </div>
        <div data-plot="snr">
          <CurveChart frame={charts.snr.frame} series={charts.snr.series} dots={charts.snr.dots} colors={colors} label={text.plotAlt('SNR_t', labelA, labelB)} />
        </div>
      </div>
      {series.map((s) => (
        <DigitRow key={s.slot} slot={s.slot} table={s.table} digit={values.digit} seed={values.seed} text={text} color={s.color} />
      ))}
    </figure>
  );
}

const CHART = { width: 640, height: 170 };

/**
 * Frames (domains rounded to nice steps, so a slider rarely moves them) and canvas curves for
 * the three charts.
 */
function buildCharts(series: Series[], maxT: number, logBeta: boolean, text: Text, warnColor: string) {
  const xDomain: [number, number] = [1, niceCeil2(maxT)];
  const lines = (pick: (t: ScheduleTable) => Float64Array, width: number, alpha = 1): CurveSeries[] =>
    series.map((s) => ({
      x: stepsOf(s.table.T), y: pick(s.table), color: s.color, width, alpha, dash: s.dash ? s.dash.split(',').map(Number) : undefined,
    }));
  let maxBeta = 0;
  for (const s of series) for (let i = 0; i < s.table.T; i++) if (s.table.beta[i] > maxBeta) maxBeta = s.table.beta[i];
  const beta: CurveFrame = {
    ...CHART, xDomain, xLabel: text.tAxis, yLabel: text.betaAxis, yLog: logBeta,
    yDomain: logBeta ? decadeDomain(series.map((s) => s.table.beta), [1e-4, 0.1]) : [0, niceCeil125(maxBeta)],
  };
  const alphaBar: CurveFrame = { ...CHART, xDomain, xLabel: text.tAxis, yLabel: text.alphaAxis, yLog: false, yDomain: [0, 1] };
  const level = TERMINAL_ALPHABAR_WARNING / (1 - TERMINAL_ALPHABAR_WARNING);
  const snr: CurveFrame = {
    ...CHART, xDomain, xLabel: text.tAxis, yLabel: text.snrAxis, yLog: true,
    yDomain: decadeDomain([...series.map((s) => s.table.snr), [level]], [1e-5, 1e4]),
    rules: [{ y: level, color: warnColor, label: text.warnLevel }],
  };
  return {
    beta: { frame: beta, series: lines((t) => t.beta, 2) },
    alphaBar: { frame: alphaBar, series: [...lines((t) => t.alphaBar, 2.2), ...lines((t) => t.sqrtAlphaBar, 1, 0.8)] },
    snr: {
      frame: snr,
      series: lines((t) => t.snr, 2),
      dots: series.map((s) => ({ x: s.table.T, y: s.table.snr[s.table.T - 1], color: s.color })),
    },
  };
}

function DigitRow({
  slot, table, digit, seed, text, color,
}: {
  slot: SlotName; table: ScheduleTable; digit: number; seed: number; text: Text; color: string;
}) {
  const steps = fractionSteps(table.T, DIGIT_FRACTIONS);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const x0 = useMemo(() => mnistDigitSigned(digit), [digit]);
  const eps = useMemo(() => {
    const e = new Float32Array(x0.length);
    makeRng(seed).fillNormal(e);
    return e;
  }, [seed, x0.length]);
  const buf = useMemo(() => new Float32Array(x0.length), [x0.length]);
  const stepsKey = steps.join(',');
  // Redraw only when this row's schedule, digit or noise changed (moving a slider of the other
  // schedule leaves this row alone).
  useLayoutEffect(() => {
    stepsKey.split(',').map(Number).forEach((t, i) => {
      const c = canvases.current[i];
      if (!c) return;
      drawGrayImage(c, t === 0 ? x0 : qSample(table, x0, t, eps, buf), MNIST_SIDE);
    });
  }, [table, x0, eps, buf, stepsKey]);
  return (
    <div className={styles.digitRow} role="group" aria-label={text.digitsAlt(slot, digit)} data-testid={`schedule-digits-${slot.toLowerCase()}`}>
      <span className={styles.digitSlot} style={{ color }}>{slot}</span>
      {steps.map((t, i) => (
        <figure key={t} className={styles.digit}>
          <canvas ref={(el) => { canvases.current[i] = el; }} width={MNIST_SIDE} height={MNIST_SIDE} aria-hidden="true" />
          <figcaption>t = {t}</figcaption>
        </figure>
      ))}
    </div>
  );
}
