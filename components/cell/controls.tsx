'use client';
/** Form controls bound to a parameter spec, so a slider can never produce an out-of-range value. */
import { useId } from 'react';
import type { ParamSpec } from '@/lib/urlState';
import { useReportShown } from './shownSettings';

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;
type EnumSpec = Extract<ParamSpec, { kind: 'enum' }>;

export function SliderControl({
  label, spec, value, onChange, step, format, disabled, log, name,
}: {
  label: string;
  spec: NumberSpec;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  format?: (v: number) => string;
  disabled?: boolean;
  /** Logarithmic slider (for quantities spanning decades, such as β). */
  log?: boolean;
  name?: string;
}) {
  const id = useId();
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const fromSlider = (s: number) => {
    let v = log ? 10 ** s : s;
    if (spec.integer) v = Math.round(v);
    return Math.min(spec.max, Math.max(spec.min, v));
  };
  const sliderStep = log ? 0.01 : step ?? (spec.integer ? 1 : (spec.max - spec.min) / 200);
  const shown = format ? format(value) : String(value);
  useReportShown(name, label, shown);
  return (
    <div className="control control-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="range"
        min={toSlider(spec.min)}
        max={toSlider(spec.max)}
        step={sliderStep}
        value={toSlider(value)}
        // A log slider's own value is log10 of the quantity: announce the real one.
        aria-valuetext={shown}
        disabled={disabled}
        onChange={(e) => onChange(fromSlider(Number(e.currentTarget.value)))}
      />
      <output htmlFor={id}>{shown}</output>
    </div>
  );
}

export function SelectControl({
  label, spec, value, onChange, labels, disabled, name,
}: {
  label: string;
  spec: EnumSpec;
  value: string;
  onChange: (v: string) => void;
  labels?: Record<string, string>;
  disabled?: boolean;
  name?: string;
}) {
  const id = useId();
  useReportShown(name, label, labels?.[value] ?? value);
  return (
    <div className="control control-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
        {spec.values.map((v) => (
          <option key={v} value={v}>{labels?.[v] ?? v}</option>
        ))}
      </select>
    </div>
  );
}

/** A number field that only commits valid, in-range values. */
export function NumberControl({
  label, spec, value, onChange, disabled, name,
}: {
  label: string;
  spec: NumberSpec;
  value: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  name?: string;
}) {
  const id = useId();
  useReportShown(name, label, String(value));
  return (
    <div className="control control-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={spec.integer ? 1 : 'any'}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value === '' || !Number.isFinite(v)) return;
          onChange(Math.min(spec.max, Math.max(spec.min, spec.integer ? Math.round(v) : v)));
        }}
      />
    </div>
  );
}

/** A labelled checkbox in the style of the cell controls. */
export function CheckboxControl({
  label, checked, onChange, disabled, name,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  name?: string;
}) {
  const id = useId();
  useReportShown(name, label, checked);
  return (
    <div className="control control-checkbox">
      <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
