'use client';
/**
 * The repair cells' pieces: the inverse problem built from the controls (digit, operator A,
 * y = A x, A⁺y), the controls themselves and the input / observation / A⁺y panels.
 */
import type { Messages } from '@/messages';
import type { ParamValues } from '@/lib/urlState';
import { COLOUR_NAMES, type ColourName } from '@/lib/imageSampling/prompt';
import { operatorFor } from '@/lib/imageSampling/job';
import type { InverseSpec } from '@/lib/imageSampling/protocol';
import { decodeMask, encodeMask, paintDigit } from '@/lib/imageSampling/pixels';
import type { HeldoutDigit } from '@/lib/imageSampling/heldoutDigits';
import { MASK_PRESETS, presetHole, type MaskPreset } from '@/lib/imageSampling/maskPresets';
import { ANY_COLOURS, ANY_DIGITS, type InverseTask, type inverseSpec } from '../cells/catalog';
import type { CellApi } from '../cell/Cell';
import { SelectControl } from '../cell/controls';
import { ParamControls } from '../cell/ParamControls';
import { PixelCanvas } from './PixelCanvas';
import { MaskPainter } from './MaskPainter';
import type { BuildTimeModelFacts } from './manifestAtBuild';
import styles from './imageModel.module.css';
import { fixed } from '@/messages/format';

type InverseCellSpec = ReturnType<typeof inverseSpec>;
type Values = ParamValues<InverseCellSpec>;
type Text = Messages['cells']['inverse'];
/** Title, caption and the task's own control labels (messages: cells.superres / inpaint / colorize). */
export type TaskText = { title: string; caption: string; extra: Record<string, string> };
export interface Heldout { list: HeldoutDigit[]; grey: (h: HeldoutDigit) => Float32Array }

function holeFromValues(v: Values): Uint8Array {
  if (v.preset === 'custom') {
    const m = decodeMask(v.mask, 28 * 28);
    if (m) return m;
  }
  return presetHole((v.preset === 'custom' ? 'top' : v.preset) as MaskPreset);
}

/** The digit x (held out, or drawn), the operator A, y = A x and A⁺y, for the current controls. */
export function buildProblem(heldout: Heldout | null, task: InverseTask, facts: BuildTimeModelFacts, v: Values) {
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
}
export type InverseProblem = NonNullable<ReturnType<typeof buildProblem>>;

export function InverseControls({ api, spec, task, id, heldout, t, tt, colours }: {
  api: CellApi<InverseCellSpec>; spec: InverseCellSpec; task: InverseTask; id: string; heldout: Heldout | null;
  t: Text; tt: TaskText; colours: Record<ColourName, string>;
}) {
  const { values, setValue, running } = api;
  const common = { spec, values, setValue, disabled: running, labels: t } as const;
  return (
    <>
      {task !== 'inpaint' && <ParamControls {...common} params={['source']} options={{ source: { label: t.input, optionLabels: { heldout: t.heldout, drawn: t.drawn } } }} />}
      {/* A fixed width: the prerendered list holds only "…" until the held-out digits arrive. */}
      <div className={`control control-select ${styles.sample}`}>
        <label htmlFor={`${id}-sample`}>{t.source}</label>
        <select id={`${id}-sample`} name="sample" value={values.sample} disabled={running || !heldout || (task !== 'inpaint' && values.source === 'drawn')}
          onChange={(e) => setValue('sample', Number(e.currentTarget.value))}>
          {(heldout?.list ?? []).map((h, i) => <option key={i} value={i}>{t.sampleName(i, h.digit, h.mnistIndex)}</option>)}
          {!heldout && <option value={values.sample}>…</option>}
        </select>
      </div>
      {task === 'colorize'
        ? <ParamControls {...common} params={['grey']} options={{ grey: { step: 0.05, format: (x) => fixed(x, 2) } }} />
        : <ParamControls {...common} params={['paint']} options={{ paint: { optionLabels: colours } }} />}
      {task === 'superres' && (
        <ParamControls {...common} labels={{}} params={['factor']} options={{ factor: { label: tt.extra.factor, optionLabels: { '2': tt.extra.f2, '4': tt.extra.f4 } } }} />
      )}
      {task === 'inpaint' && (
        <>
          <div className={styles.presets}>
            <SelectControl label={tt.extra.preset} name="preset" spec={spec.preset} value={values.preset} disabled={running}
              labels={Object.fromEntries([...MASK_PRESETS, 'custom'].map((p) => [p, tt.extra[p]]))}
              onChange={(x) => { setValue('preset', x); if (x !== 'custom') setValue('mask', ''); }} />
            <button type="button" data-action="clear-mask" disabled={running}
              onClick={() => { setValue('preset', 'custom'); setValue('mask', encodeMask(new Uint8Array(28 * 28))); }}>
              {tt.extra.clear}
            </button>
          </div>
          <ParamControls {...common} labels={{}} params={['resample']} options={{ resample: { label: tt.extra.resample } }} />
        </>
      )}
      <ParamControls {...common} params={['digit', 'colour', 'w', 'steps', 'eta', 'count', 'seed']}
        options={{
          digit: { optionLabels: Object.fromEntries(ANY_DIGITS.map((q) => [q, q === 'none' ? t.any : q])) },
          colour: { optionLabels: Object.fromEntries(ANY_COLOURS.map((q) => [q, q === 'none' ? t.any : colours[q as ColourName]])) },
          w: { step: 0.25, format: (x) => fixed(x, 2) }, eta: { step: 0.05, format: (x) => fixed(x, 2) }, count: { as: 'number' },
        }} />
    </>
  );
}

/** Input (or the drawing pad), the observation y (or the mask painter) and A⁺y. */
export function InversePanels({ p, task, api, t, tt }: {
  p: InverseProblem | null; task: InverseTask; api: CellApi<InverseCellSpec>; t: Text; tt: TaskText;
}) {
  const { setValue, running } = api;
  const [s] = p ? p.op.outShape : [28];
  return (
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
  );
}
