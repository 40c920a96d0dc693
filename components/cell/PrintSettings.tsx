'use client';
/**
 * What a printed cell says about itself (shown only in print, app/print.css): the settings that
 * produced its figure, in one line, each written as its control shows it — the control's own
 * (localized) label and its shown value (a log slider's real value, a select's option label), as
 * the controls report them (shownSettings.ts); and for a cell that never ran (and draws nothing
 * before Run) one line saying so instead of an empty box.
 */
import { formatValue, type ParamSpec, type ParamSpecs, type ParamValues } from '@/lib/urlState';
import { excerpt } from '@/messages/format';
import { useStrings } from '../LangProvider';
import type { ShownSettings } from './shownSettings';
// Also imported by the site header: chapters and the guide print with it, and so does an embedded cell.
import '../../app/print.css';

type Strings = ReturnType<typeof useStrings>;

/**
 * One parameter's entry: as its control shows it; a parameter no control shows (controls hidden
 * by the link, or a bespoke input) from the cell's messages. While controls are shown, a number,
 * choice or switch without a control is one the figure does not use now (DDIM's S under DDPM) and
 * is left out; a text parameter (formula, mask) is listed only when it is not the default.
 */
function entry(t: Strings, labels: Record<string, unknown>, name: string, s: ParamSpec, v: unknown, shown: ShownSettings, anyShown: boolean): [string, string, string?] | null {
  const c = shown[name];
  if (c) return [c.label, typeof c.value === 'boolean' ? (c.value ? t.print.on : t.print.off) : excerpt(c.value, 48), c.group];
  if (s.kind === 'string' ? v === '' || v === s.default : anyShown) return null;
  const label = typeof labels[name] === 'string' ? (labels[name] as string) : name;
  return [label, s.kind === 'boolean' ? (v ? t.print.on : t.print.off) : excerpt(formatValue(s, v), 48)];
}

/** The line's text: ungrouped settings first, then each group under its name ("Schedule B: Kind Cosine · …"). */
function settingsText(t: Strings, entries: [string, string, string?][]): string {
  const groups = new Map<string, string[]>([['', []]]);
  for (const [label, value, group = ''] of entries) {
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(t.print.item(label, value));
  }
  return [...groups].filter(([, items]) => items.length > 0)
    .map(([group, items]) => (group ? `${t.print.group(group)} ` : '') + items.join(' · ')).join(' · ');
}

export function PrintSettings<S extends ParamSpecs>({ id, spec, values, shown }: {
  id: string; spec: S; values: ParamValues<S>; shown: ShownSettings;
}) {
  const t = useStrings();
  const labels = (t.cells as Record<string, Record<string, unknown> | undefined>)[id] ?? {};
  const anyShown = Object.keys(shown).length > 0;
  const entries = Object.entries(spec).flatMap(([name, s]) => {
    const e = entry(t, labels, name, s, (values as Record<string, unknown>)[name], shown, anyShown);
    return e ? [e] : [];
  });
  return (
    <>
      <p className="cell-print-settings" data-testid="cell-print-settings">
        <strong>{t.print.settings}</strong> {settingsText(t, entries)}
      </p>
      <p className="cell-print-idle" data-testid="cell-print-idle">{t.print.notRun}</p>
    </>
  );
}
