'use client';
import { useId } from 'react';

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
  return (
    <div className="control control-checkbox" style={{ flexDirection: 'row', alignItems: 'center', gap: '0.4rem' }}>
      <input id={id} name={name} type="checkbox" checked={checked} disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
