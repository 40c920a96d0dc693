'use client';
/**
 * What a printed cell says about itself (shown only in print, app/print.css): the settings that
 * produced its figure, one line from the cell's current parameters, labelled as its controls are;
 * and for a cell that never ran (and draws nothing before Run) one line saying so instead of an
 * empty box.
 */
import { formatValue, type ParamSpecs, type ParamValues } from '@/lib/urlState';
import { excerpt } from '@/messages/format';
import { useStrings } from '../LangProvider';
// Also imported by the site header: chapters and the guide print with it, and so does an embedded cell.
import '../../app/print.css';

export function PrintSettings<S extends ParamSpecs>({ id, spec, values }: { id: string; spec: S; values: ParamValues<S> }) {
  const t = useStrings();
  const labels = (t.cells as Record<string, Record<string, unknown> | undefined>)[id] ?? {};
  const items = Object.entries(spec).flatMap(([name, s]) => {
    const v = (values as Record<string, unknown>)[name];
    // A text parameter (a formula, a mask) is listed only when it is not the default.
    if (s.kind === 'string' && (v === '' || v === s.default)) return [];
    const label = typeof labels[name] === 'string' ? (labels[name] as string) : name;
    const shown = s.kind === 'boolean' ? (v ? t.print.on : t.print.off) : excerpt(formatValue(s, v), 48);
    return [`${label} ${shown}`];
  });
  return (
    <>
      <p className="cell-print-settings" data-testid="cell-print-settings">
        <strong>{t.print.settings}:</strong> {items.join(' · ')}
      </p>
      <p className="cell-print-idle" data-testid="cell-print-idle">{t.print.notRun}</p>
    </>
  );
}
