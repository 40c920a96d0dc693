'use client';
/**
 * The generic control panel: one control per parameter, chosen from its spec — a slider for a
 * number (a number field when the range is too wide to drag, as for a seed), a select for an
 * enum, a checkbox for a boolean. Labels come from the cell's messages (a key per parameter
 * name), so a cell lists which parameters to show and how, not how to wire each `onChange`.
 * String parameters (formulas, prompts, masks) have bespoke inputs and are not rendered here.
 */
import type { ParamSpec, ParamSpecs, ParamValues } from '@/lib/urlState';
import { CheckboxControl, NumberControl, SelectControl, SliderControl } from './controls';

interface ParamOptions {
  /** Logarithmic slider (quantities spanning decades: β, T, learning rate, batch). */
  log?: boolean;
  format?: (v: number) => string;
  /** Option labels of a select (value → text). */
  optionLabels?: Record<string, string>;
  /** Force a number field (or a slider) instead of the automatic choice. */
  as?: 'slider' | 'number';
  step?: number;
  /** This control's own disabled state (instead of the panel's `disabled`). */
  disabled?: boolean;
  /** Overrides the label from `labels`. */
  label?: string;
}

/** Ranges wider than this are typed, not dragged (a slider step would skip most values). */
const SLIDER_SPAN_LIMIT = 10_000;

interface ParamControlsProps<S extends ParamSpecs, K extends keyof S & string> {
  spec: S;
  values: ParamValues<S>;
  setValue: <N extends keyof S>(name: N, value: ParamValues<S>[N]) => void;
  /** The parameters to show, in order. */
  params: readonly K[];
  /** Label per parameter name (a cell passes its messages object). */
  labels: Partial<Record<K, string>>;
  options?: Partial<Record<K, ParamOptions>>;
  /** Disables every control (e.g. while the cell runs). */
  disabled?: boolean;
  /** Called after a value changes (invalidate a cache, mark a benchmark input…). */
  onChange?: (name: K, value: ParamValues<S>[K]) => void;
}

export function ParamControls<S extends ParamSpecs, K extends keyof S & string>({
  spec, values, setValue, params, labels, options, disabled, onChange,
}: ParamControlsProps<S, K>) {
  return (
    <>
      {params.map((name) => {
        const set = (v: ParamValues<S>[K]) => { setValue(name, v); onChange?.(name, v); };
        const o = options?.[name] ?? {};
        return (
          <ParamControl key={name} name={name} spec={spec[name]} value={values[name]} set={set as (v: unknown) => void}
            label={o.label ?? labels[name] ?? name} options={o} disabled={o.disabled ?? disabled} />
        );
      })}
    </>
  );
}

function ParamControl({ name, spec, value, set, label, options, disabled }: {
  name: string; spec: ParamSpec; value: unknown; set: (v: unknown) => void; label: string;
  options: ParamOptions; disabled?: boolean;
}) {
  switch (spec.kind) {
    case 'number': {
      const typed = options.as === 'number' || (options.as !== 'slider' && spec.max - spec.min > SLIDER_SPAN_LIMIT);
      return typed ? (
        <NumberControl label={label} name={name} spec={spec} value={value as number} disabled={disabled} onChange={set} />
      ) : (
        <SliderControl label={label} name={name} spec={spec} value={value as number} disabled={disabled} onChange={set}
          log={options.log} format={options.format} step={options.step} />
      );
    }
    case 'enum':
      return (
        <SelectControl label={label} name={name} spec={spec} value={value as string} disabled={disabled} onChange={set}
          labels={options.optionLabels} />
      );
    case 'boolean':
      return <CheckboxControl label={label} name={name} checked={value as boolean} disabled={disabled} onChange={set} />;
    case 'string':
      return null;
  }
}
