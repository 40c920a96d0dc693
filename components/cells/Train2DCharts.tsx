'use client';
/**
 * The training cell's charts, each on its own axis: the training loss (the worker's moving
 * average of ‖ε − ε̂‖²) against the step, precision and coverage (0 to 1) against training
 * time, and the sliced Wasserstein distance (its own scale, in standardized units) against
 * training time. Plot draws the frames, the curves go on a canvas (CurveChart).
 */
import type { QualityPoint } from '@/lib/train2d/protocol';
import type { Messages } from '@/messages';
import { fixed } from '@/messages/format';
import { niceCeil125, niceCeil2 } from '@/lib/plotting/scales';
import { CurveChart, type CurveDot, type CurveFrame, type CurveSeries } from '../plot/CurveChart';
import { useThemeColors, type ThemeColors } from '../plot/useThemeColors';
import styles from './Train2DCell.module.css';

/** The smoothed loss as the page received it: one (step, loss) pair per repaint. */
export interface LossHistory { step: number[]; loss: number[] }

/** At most this many loss points are kept: past it, every other one is dropped (the curve keeps its shape). */
const MAX_LOSS_POINTS = 600;

/** The history with one more point (a new object, so a store sees the change). */
export function appendLoss(h: LossHistory, step: number, loss: number): LossHistory {
  if (!Number.isFinite(loss) || (h.step.length > 0 && step <= h.step[h.step.length - 1])) return h;
  let s = [...h.step, step], l = [...h.loss, loss];
  if (s.length > MAX_LOSS_POINTS) { s = s.filter((_, i) => i % 2 === 1); l = l.filter((_, i) => i % 2 === 1); }
  return { step: s, loss: l };
}

type Text = Messages['cells']['train2d']['quality'];

const SIZE = { width: 420, height: 150 };

function frameOf(x: [number, number], y: [number, number], xLabel: string, yLabel: string): CurveFrame {
  return { ...SIZE, xDomain: x, yDomain: y, yLog: false, xLabel, yLabel };
}

function line(x: number[], y: number[], color: string, width = 2): CurveSeries {
  return { x, y, color, width };
}

/** Curves and a dot per measurement (the first measurement is a dot before it is a line). */
function qualitySeries(points: QualityPoint[], colors: ThemeColors) {
  const t = points.map((p) => p.seconds);
  const dots = (pick: (p: QualityPoint) => number, color: string): CurveDot[] => points.map((p) => ({ x: p.seconds, y: pick(p), color, r: 2.5 }));
  return {
    t,
    pc: [line(t, points.map((p) => p.precision), colors.accent), line(t, points.map((p) => p.coverage), colors.warn)],
    pcDots: [...dots((p) => p.precision, colors.accent), ...dots((p) => p.coverage, colors.warn)],
    swd: [line(t, points.map((p) => p.swd), colors.fgSoft)],
    swdDots: dots((p) => p.swd, colors.fgSoft),
  };
}

export function TrainingCharts({ quality, loss, text }: { quality: QualityPoint[]; loss: LossHistory; text: Text }) {
  const colors = useThemeColors();
  const last = quality[quality.length - 1];
  const lastLoss = loss.loss[loss.loss.length - 1];
  const { t, pc, pcDots, swd, swdDots } = qualitySeries(quality, colors);
  const tMax = niceCeil2(Math.max(1, ...t));
  const swdMax = niceCeil125(Math.max(0.05, ...quality.map((p) => (Number.isFinite(p.swd) ? p.swd : 0))));
  const stepMax = niceCeil2(Math.max(10, ...loss.step));
  const lossMax = niceCeil125(Math.max(0.1, ...loss.loss));
  const dot = (c: string) => <span className={styles.swatchLine} style={{ background: c }} aria-hidden="true" />;
  return (
    <div className={styles.charts}>
      <figure className={styles.chart} data-testid="loss-chart" data-n={loss.step.length}>
        <figcaption><b>{text.lossTitle}</b>{lastLoss !== undefined ? ` · ${fixed(lastLoss, 4)}` : ''}</figcaption>
        <CurveChart frame={frameOf([0, stepMax], [0, lossMax], text.stepAxis, text.lossAxis)} series={[line(loss.step, loss.loss, colors.accent)]}
          colors={colors} label={text.lossAlt} />
      </figure>
      <figure className={styles.chart} data-testid="quality-chart" data-n={quality.length}>
        <figcaption>
          <b>{text.title}</b>{' '}
          {dot(colors.accent)} {text.precision}{last ? ` ${fixed(last.precision, 2)}` : ''} · {dot(colors.warn)} {text.coverage}{last ? ` ${fixed(last.coverage, 2)}` : ''}
        </figcaption>
        <CurveChart frame={frameOf([0, tMax], [0, 1], text.seconds, text.share)} series={pc} dots={pcDots} colors={colors} label={text.alt} />
      </figure>
      <figure className={styles.chart} data-testid="swd-chart" data-n={quality.length}>
        <figcaption><b>{text.swdTitle}</b>{last && Number.isFinite(last.swd) ? ` · ${fixed(last.swd, 3)}` : ''}</figcaption>
        <CurveChart frame={frameOf([0, tMax], [0, swdMax], text.seconds, text.swd)} series={swd} dots={swdDots} colors={colors} label={text.swdAlt} />
        <p className={styles.note}>{text.swdNote}</p>
      </figure>
    </div>
  );
}
