'use client';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import {
  defaults,
  parseParams,
  readHideControls,
  readRunOnOpen,
  serializeParams,
  type ParamNotice,
  type ParamSpecs,
  type ParamValues,
} from '@/lib/urlState';
import { applyRules, givenParams, ruleNotices, type ParamRule } from '@/lib/paramRules';

const NO_RULES: readonly never[] = [];
const noChanges = () => () => {};
const readQuery = () => window.location.search;
const serverQuery = () => null;

/**
 * A cell's parameters, backed by the URL. The server renders defaults; after hydration the query
 * string is parsed (validated and clamped) and notices are returned for anything rejected.
 * Changes are written back with replaceState so the address bar always reproduces the cell.
 */
export function useCellParams<S extends ParamSpecs>(
  namespace: string,
  specs: S,
  /** Constraints between parameters (lib/paramRules.ts); a module constant. */
  rules: readonly ParamRule<S>[] = NO_RULES,
) {
  const [values, setValues] = useState<ParamValues<S>>(() => defaults(specs));
  const [notices, setNotices] = useState<ParamNotice[]>([]);
  const [controlsHidden, setControlsHidden] = useState(false);
  // `<id>.run=1`: the link asks for the result on open (read once, with the parameters).
  const [runOnOpen, setRunOnOpen] = useState(false);

  // The query string is adopted once per namespace, in the first render after hydration (the
  // prerendered HTML and the hydrating render show the defaults).
  const query = useSyncExternalStore(noChanges, readQuery, serverQuery);
  const [adopted, setAdopted] = useState<string | null>(null);
  if (query !== null && adopted !== namespace) {
    const search = new URLSearchParams(query);
    const parsed = parseParams(specs, search, namespace);
    const fixed = applyRules(parsed.values, rules, givenParams(search, namespace));
    setAdopted(namespace);
    setControlsHidden(readHideControls(search, namespace));
    setRunOnOpen(readRunOnOpen(search, namespace));
    setValues(fixed.values);
    setNotices([...parsed.notices, ...ruleNotices(specs, namespace, search, fixed.corrected, fixed.values)]);
  }
  const loaded = adopted === namespace;

  // Mirror into the address bar, debounced: a dragged slider changes values every frame, and each
  // replaceState costs milliseconds (and browsers throttle bursts of them).
  useEffect(() => {
    if (!loaded) return;
    const timer = window.setTimeout(() => {
      const search = serializeParams(specs, values, namespace, new URLSearchParams(window.location.search));
      const query = search.toString();
      const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(window.history.state, '', url);
      }
    }, 250);
    return () => window.clearTimeout(timer);
  }, [loaded, values, namespace, specs]);

  const setValue = useCallback(<K extends keyof S>(name: K, value: ParamValues<S>[K]) => {
    setValues((prev) => applyRules({ ...prev, [name]: value }, rules).values);
  }, [rules]);

  const resetValues = useCallback(() => {
    setValues(defaults(specs));
    setNotices([]);
  }, [specs]);

  const shareUrl = useCallback((hideControls = false, runOnOpen = false) => {
    const search = serializeParams(specs, values, namespace, new URLSearchParams(), { includeDefaults: true });
    if (hideControls) search.set(`${namespace}.hide`, 'controls');
    if (runOnOpen) search.set(`${namespace}.run`, '1');
    return `${window.location.origin}${window.location.pathname}?${search.toString()}#cell-${namespace}`;
  }, [specs, values, namespace]);

  return {
    values, setValue, setValues, notices, dismissNotices: () => setNotices([]), resetValues, shareUrl,
    controlsHidden, setControlsHidden, runOnOpen,
  };
}
