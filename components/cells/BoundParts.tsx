'use client';
/**
 * The bound cell's pieces: the two charts (terms with the Eq. 12 weight; ε-MSE per t), their
 * legends, the terms table, and the output around them; with Gaussian data the closed form beside
 * each (a curve on each chart, a column of the table and the agreement of the totals).
 */
import { binByStep } from '@/lib/diffusion/bound';
import { GAUSSIAN_DATA } from '@/lib/diffusion/gaussian';
import { TRAIN2D_DEFAULTS } from '@/lib/train2d/defaults';
import { GAUSSIAN_POINTS, type ExactBound } from '@/lib/train2d/gaussian';
import { MAX_BOUND_SAMPLES, type BoundResult } from '@/lib/train2d/protocol';
import { dataLabelText, type Messages } from '@/messages';
import { precise } from '@/messages/format';
import { TexMath } from '../mdx/TexMath';
import { MathText } from '../MathText';
import { useStrings } from '../LangProvider';
import { PretrainedNote } from '../model2d/PretrainedNote';
import type { ModelSource } from '../model2d/useKernelOrPretrained';
import { CurveChart, type CurveFrame, type CurveSeries } from '../plot/CurveChart';
import { useThemeColors, type ThemeColors } from '../plot/useThemeColors';
import styles from './TheoryCells.module.css';
import cellStyles from './Train2DCell.module.css';

type Text = Messages['cells']['bound2d'];

/** A formula of the legends and the table, typeset in the prerendered HTML too (TeX source that
 * turned into KaTeX after load changed the legends' height and moved the page below). */
function Tex({ src }: { src: string }) {
  return <span className={styles.tex}><TexMath display tex={src} /></span>;
}

const TEX = {
  term: 'L_{t-1}', weight: '\\tfrac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}', simple: 'L_\\text{simple}\\!: 1',
  mse: '\\lVert\\epsilon-\\epsilon_\\theta\\rVert^2/d', prior: 'L_T', middle: '\\textstyle\\sum_{t=2}^{T} L_{t-1}', decoder: 'L_0', total: 'L',
};

const W = 420, H = 240;
/** Bins of t for the ε-MSE chart. */
const MSE_BINS = 50;

/** Powers of ten around the positive finite values (and 1, L_simple's weight). */
function logDomain(values: ArrayLike<number>): [number, number] {
  let lo = 1, hi = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

const steps = (T: number) => Array.from({ length: T - 1 }, (_, i) => i + 2);

/** Chart 1: L_{t−1} and the Eq. 12 weight for t = 2..T on a log scale, with L_simple's weight 1 as a rule. */
function termsChart(r: BoundResult | null, exact: ExactBound | null, T: number, colors: ThemeColors, text: Text) {
  const ts = steps(T);
  const terms = r ? ts.map((t) => r.terms[t - 1]) : [];
  const weight = r ? ts.map((t) => r.weight[t - 1]) : [];
  const closed = exact ? ts.map((t) => exact.terms[t - 1]) : [];
  const frame: CurveFrame = {
    width: W, height: H, xDomain: [1, T], yDomain: r ? logDomain([...terms, ...weight]) : [1e-4, 10], yLog: true,
    xLabel: text.xStep, yLabel: text.yTerms, rules: [{ y: 1, color: colors.fgSoft }],
  };
  const series: CurveSeries[] = r ? [
    { x: ts, y: terms, color: colors.accent },
    { x: ts, y: weight, color: colors.warn, dash: [5, 3], width: 1.5 },
    ...(exact ? [{ x: ts, y: closed, color: colors.fg, dash: [2, 3], width: 1.5 }] : []),
  ] : [];
  if (!r || ts.length === 0) return { frame, series, label: text.termsAltEmpty };
  let hi = 0, lo = 0;
  terms.forEach((v, i) => { if (v > terms[hi]) hi = i; if (v < terms[lo]) lo = i; });
  return { frame, series, label: text.termsAlt(T, terms[hi], ts[hi], terms[lo], ts[lo], weight[0], weight[weight.length - 1]) };
}

/** Chart 2: ‖ε − ε_θ‖² per coordinate, averaged in bins of t. */
function mseChart(r: BoundResult | null, exact: ExactBound | null, T: number, colors: ThemeColors, text: Text) {
  const b = r ? binByStep(Array.from(r.mse, (v) => v / r.d), MSE_BINS) : null;
  const e = r && exact ? binByStep(Array.from(exact.mse, (v) => v / r.d), MSE_BINS) : null;
  const top = b ? Math.max(1.2, Math.ceil(Math.max(...b.mean) * 5) / 5) : 1.2;
  const frame: CurveFrame = { width: W, height: H, xDomain: [1, T], yDomain: [0, top], yLog: false, xLabel: text.xStep, yLabel: text.yMse };
  if (!b) return { frame, series: [], dots: [], label: text.mseAltEmpty };
  const series: CurveSeries[] = [{ x: b.t, y: b.mean, color: colors.accent }, ...(e ? [{ x: e.t, y: e.mean, color: colors.fg, dash: [2, 3], width: 1.5 }] : [])];
  const dots = Array.from(b.t, (t, i) => ({ x: t, y: b.mean[i], color: colors.accent, r: 2.5 }));
  const k = b.mean.length;
  return { frame, series, dots, label: text.mseAlt(b.mean[0], b.mean[Math.floor(k / 2)], b.mean[k - 1], k) };
}

function ExactSwatch({ colors, text }: { colors: ThemeColors; text: string }) {
  return <li><span className={`${styles.swatch} ${styles.dashed}`} style={{ borderColor: colors.fg }} />{text}</li>;
}

function BoundCharts({ result, exact, T, colors, text }: { result: BoundResult | null; exact: ExactBound | null; T: number; colors: ThemeColors; text: Text }) {
  const a = termsChart(result, exact, T, colors, text);
  const m = mseChart(result, exact, T, colors, text);
  return (
    <div className={styles.charts}>
      <figure>
        <p className={styles.chartTitle}>{text.termsTitle}</p>
        <CurveChart frame={a.frame} series={a.series} colors={colors} label={a.label} testId="bound2d-terms" />
        <ul className={styles.legend}>
          <li><span className={styles.swatch} style={{ borderColor: colors.accent }} /><Tex src={TEX.term} /> {text.legend.term}</li>
          <li><span className={`${styles.swatch} ${styles.dashed}`} style={{ borderColor: colors.warn }} /><Tex src={TEX.weight} /> {text.legend.weight}</li>
          <li><span className={`${styles.swatch} ${styles.dashed}`} style={{ borderColor: colors.fgSoft }} /><Tex src={TEX.simple} /> {text.legend.simple}</li>
          {exact && <ExactSwatch colors={colors} text={text.legend.exact} />}
        </ul>
      </figure>
      <figure id="bound2d-loss-per-t">
        <p className={styles.chartTitle}>{text.mseTitle}</p>
        <CurveChart frame={m.frame} series={m.series} dots={m.dots} colors={colors} label={m.label} testId="bound2d-mse" />
        <ul className={styles.legend}>
          <li><span className={styles.dot} style={{ background: colors.accent }} /><Tex src={TEX.mse} /> {text.legend.mse}</li>
          {exact && <ExactSwatch colors={colors} text={text.legend.exactMse} />}
        </ul>
      </figure>
    </div>
  );
}

/** L_T, Σ L_{t−1}, L_0 and the total, per point and per coordinate. */
/** L_T, Σ_{t≥2} L_{t−1}, L_0 and the total of a result's (or the closed form's) terms. */
function rowValues(prior: number, terms: ArrayLike<number>, total: number): number[] {
  let middle = 0;
  for (let t = 2; t <= terms.length; t++) middle += terms[t - 1];
  return [prior, middle, terms[0], total];
}

function BoundTable({ r, exact, text }: { r: BoundResult; exact: ExactBound | null; text: Text }) {
  const mc = rowValues(r.prior, r.terms, r.total);
  const closed = exact ? rowValues(exact.prior, exact.terms, exact.total) : null;
  const rows: [string, string][] = [[TEX.prior, text.rows.prior], [TEX.middle, text.rows.middle], [TEX.decoder, text.rows.decoder], [TEX.total, text.rows.total]];
  return (
    <table className={styles.terms} data-testid="bound2d-table">
      <thead><tr><th>{text.cols.term}</th><th>{text.cols.perPoint}</th><th>{text.cols.perDim}</th>{closed && <th>{text.cols.exact}</th>}</tr></thead>
      <tbody>
        {rows.map(([tex, words], i) => (
          <tr key={words}><td><Tex src={tex} /> {words}</td><td>{precise(mc[i], 4)}</td><td>{precise(mc[i] / r.d, 4)}</td>{closed && <td>{precise(closed[i], 4)}</td>}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the last run showed: its result, the noise draws used and asked for, and the closed form (Gaussian data only). */
export interface BoundShown { r: BoundResult; repeats: number; asked: number; exact: ExactBound | null }

/** The model (or Gaussian) note, the charts, and after a run the table, the totals and the agreement with the closed form. */
export function BoundOutput({ shown, gaussian, source }: { shown: BoundShown | null; gaussian: boolean; source: ModelSource }) {
  const ui = useStrings();
  const text = ui.cells.bound2d;
  const colors = useThemeColors();
  const model = source.model;
  const isGauss = shown ? shown.exact !== null : gaussian;
  const T = shown?.r.T ?? model?.schedule.T ?? TRAIN2D_DEFAULTS.T;
  const z = shown?.exact ? Math.abs(shown.r.total - shown.exact.total) / (shown.r.totalStdErr || 1) : null;
  return (
    <div>
      <p className={cellStyles.note} data-testid="bound2d-model">
        {isGauss ? <MathText text={text.gaussModel(GAUSSIAN_DATA, GAUSSIAN_POINTS, T)} />
          : model ? text.model(dataLabelText(ui, model.dataLabel), model.steps, model.schedule.T, model.points.length / 2) : text.noModel}
      </p>
      {!isGauss && source.pretrained && <PretrainedNote pretrained={source.pretrained.state} dataset={source.pretrained.recipe.dataset} trainAnchor="#cell-train2d" />}
      <BoundCharts result={shown?.r ?? null} exact={shown?.exact ?? null} T={T} colors={colors} text={text} />
      {shown && (
        <>
          <BoundTable r={shown.r} exact={shown.exact} text={text} />
          {shown.exact && z !== null && (
            <p className={cellStyles.note} data-testid="bound2d-gauss" data-z={z.toFixed(2)}>{text.agreement(shown.r.total, shown.r.totalStdErr, shown.exact.total)}</p>
          )}
          <p className={cellStyles.note} data-testid="bound2d-bits">{text.bits(shown.r.total / (shown.r.d * Math.LN2), shown.r.totalStdErr)}</p>
          <p className={cellStyles.note}>{text.took(shown.r.samples, shown.r.ms)}</p>
          {shown.repeats < shown.asked && <p className={cellStyles.note}>{text.clamped(shown.repeats, MAX_BOUND_SAMPLES)}</p>}
        </>
      )}
      <p className={cellStyles.note}>{text.note}</p>
    </div>
  );
}
