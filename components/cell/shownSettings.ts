'use client';
/**
 * What each control of a cell shows, for its printed settings line (PrintSettings.tsx): the
 * control's own label (localized, as the cell passed it) and its value as it shows it (a log
 * slider's real value, a select's option label, a checkbox's state). Each control reports itself
 * while it is mounted; the cell keeps the reports by parameter name.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

export interface ShownSetting {
  label: string;
  /** The text the control shows, or a checkbox's state. */
  value: string | boolean;
  /** The group the control sits in (a fieldset's legend, e.g. "Schedule B"): two groups may share labels. */
  group?: string;
}

export type ShownSettings = Readonly<Record<string, ShownSetting>>;

type Report = (name: string, shown: ShownSetting | null) => void;

export const ShownSettingsContext = createContext<Report | null>(null);

/** The cell's side: the reports so far, and the function its controls report to. */
export function useShownSettings(): [ShownSettings, Report] {
  const [shown, setShown] = useState<ShownSettings>({});
  const report = useCallback<Report>((name, s) => {
    setShown((prev) => {
      const old = prev[name];
      if (s === null) {
        if (!old) return prev;
        const next = { ...prev };
        delete next[name];
        return next;
      }
      return old && old.label === s.label && old.value === s.value && old.group === s.group ? prev : { ...prev, [name]: s };
    });
  }, []);
  return [shown, report];
}

/**
 * Controls inside report as members of `group` (the fieldset's legend), so a cell with two sets of
 * the same controls (the β-explorer's schedules A and B) prints which set each value belongs to.
 */
export function ShownSettingsGroup({ group, children }: { group: string; children: ReactNode }) {
  const report = useContext(ShownSettingsContext);
  const grouped = useCallback<Report>((name, s) => report?.(name, s && { ...s, group }), [report, group]);
  return createElement(ShownSettingsContext.Provider, { value: report ? grouped : null }, children);
}

/** A control's side: report (parameter name, label, shown value) while mounted. Unnamed controls are not parameters. */
export function useReportShown(name: string | undefined, label: string, value: string | boolean): void {
  const report = useContext(ShownSettingsContext);
  useEffect(() => {
    if (!report || !name) return undefined;
    report(name, { label, value });
    return () => report(name, null);
  }, [report, name, label, value]);
}
