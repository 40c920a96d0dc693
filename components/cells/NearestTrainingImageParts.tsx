'use client';
/** The nearest-training-image cell's pieces: its controls and one generated digit with its nearest neighbours. */
import type { Messages } from '@/messages';
import type { Lang } from '@/lib/chapters';
import { fixed } from '@/messages/format';
import type { ColourName } from '@/lib/imageSampling/prompt';
import { paintDigit } from '@/lib/imageSampling/pixels';
import type { Neighbour, Paint } from '@/lib/imageExtras/nearest';
import { trainingGrey, type TrainingSet } from '@/lib/imageExtras/trainingSet';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import type { CellApi } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { PixelCanvas } from '../imageModel/PixelCanvas';
import { colourLabel } from '../imageModel/labels';
import { RANDOM_COLOURS, RANDOM_DIGITS, type nearestSpec } from './catalog';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof nearestSpec>;
type Text = Messages['cells']['nearest'];

export interface NearestRow {
  image: Float32Array;
  digit: number;
  colour: number;
  paint: Paint;
  verdict: Verdict | null;
  neighbours: Neighbour[];
  line: number;
  evalLine: number | null;
}

export function NearestControls({ api, spec, text, colours }: { api: CellApi<Spec>; spec: Spec; text: Text; colours: Record<ColourName, string> }) {
  return (
    <ParamControls spec={spec} values={api.values} setValue={api.setValue} disabled={api.running} labels={text}
      params={['digit', 'colour', 'count', 'metric', 'steps', 'w', 'seed']}
      options={{
        digit: { optionLabels: Object.fromEntries(RANDOM_DIGITS.map((d) => [d, d === 'random' ? text.random : d])) },
        colour: { optionLabels: Object.fromEntries(RANDOM_COLOURS.map((c) => [c, c === 'random' ? text.random : colours[c as ColourName]])) },
        count: { as: 'number' }, metric: { optionLabels: { pixels: text.pixels, stroke: text.stroke } },
        steps: { log: true }, w: { step: 0.25, format: (v) => fixed(v, 2) },
      }} />
  );
}

/** A generated digit, its three nearest training images and the meter against the class's reference line. */
export function NearestRowView({ row, i, set, text, lang }: { row: NearestRow; i: number; set: TrainingSet; text: Text; lang: Lang }) {
  const d0 = row.neighbours[0]?.distance ?? NaN;
  const below = d0 < row.line;
  const scale = Math.max(d0, row.line) * 1.25 || 1;
  const cName = colourLabel(lang, row.colour);
  return (
    <li className={styles.nnRow} data-testid="nearest-row" data-distance={d0} data-line={row.line}
      data-below={below ? 'true' : 'false'} data-neighbour-index={row.neighbours[0]?.index ?? ''}>
      <figure className={styles.nnSample}>
        <PixelCanvas data={row.image} size={28} displayPx={76} label={text.sampleLabel(i, row.digit, cName)} />
        <figcaption>{text.sample(row.digit, cName)}{row.verdict && <><br /><span style={{ fontWeight: 400 }}>{text.verdict(row.verdict.digit, colourLabel(lang, row.verdict.colour))}</span></>}</figcaption>
      </figure>
      {row.neighbours.map((nb, k) => {
        const idx = set.packageIndex[nb.index];
        const label = set.labels[nb.index];
        return (
          <figure key={k} data-testid="nearest-neighbour" data-distance={nb.distance}>
            <PixelCanvas data={paintDigit(trainingGrey(set, nb.index), row.paint.stroke, row.paint.background)} size={28} displayPx={76}
              label={text.neighbour(k, idx, label, nb.distance)} />
            <figcaption>{text.neighbourCaption(idx, label, nb.distance)}</figcaption>
          </figure>
        );
      })}
      <div className={styles.meter}>
        <div className={styles.meterTrack} role="img" aria-label={text.meterLabel(d0, row.line)}>
          <span className={styles.meterFill} style={{ width: `${(100 * d0) / scale}%` }} />
          <span className={styles.meterLine} style={{ left: `${(100 * row.line) / scale}%` }} />
        </div>
        <div>{text.meter(d0, row.line)} — <span className={below ? styles.bad : styles.ok}>{below ? text.below : text.above}</span></div>
        {row.evalLine !== null && <div className={styles.muted}>{text.evalLine(row.evalLine)}</div>}
      </div>
    </li>
  );
}
