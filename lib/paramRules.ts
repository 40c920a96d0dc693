/**
 * Constraints between a cell's parameters that no single range can say: t ≤ T; T large enough for
 * the chosen schedule to exist; the digit and colour selects following a prompt given without
 * them. A rule reads the values (and which parameters the URL set) and returns the values it
 * corrects, nothing when they already hold. Applied after URL parsing and after every control
 * change, so a link, a slider and the figure never disagree, and a control offers only what runs.
 */
import { formatValue, type ParamNotice, type ParamSpecs, type ParamValues } from './urlState';

export type ParamRule<S extends ParamSpecs> = (
  values: ParamValues<S>,
  given: ReadonlySet<string>,
) => Partial<ParamValues<S>>;

/** Apply the rules in order; `corrected` names every parameter whose value a rule changed. */
export function applyRules<S extends ParamSpecs>(
  values: ParamValues<S>,
  rules: readonly ParamRule<S>[],
  given: ReadonlySet<string> = new Set(),
): { values: ParamValues<S>; corrected: string[] } {
  let out = values;
  const corrected = new Set<string>();
  for (const rule of rules) {
    const fix = rule(out, given) as Record<string, unknown>;
    const changed = Object.keys(fix).filter((k) => !Object.is(fix[k], (out as Record<string, unknown>)[k]));
    if (changed.length === 0) continue;
    changed.forEach((k) => corrected.add(k));
    out = { ...out, ...fix };
  }
  return { values: out, corrected: [...corrected] };
}

/** The parameter names of `namespace` that the query string sets. */
export function givenParams(search: URLSearchParams, namespace: string): Set<string> {
  const prefix = `${namespace}.`;
  const given = new Set<string>();
  for (const key of search.keys()) if (key.startsWith(prefix)) given.add(key.slice(prefix.length));
  return given;
}

/**
 * A notice for each corrected parameter the URL itself set: a link asking for t = 4000 with
 * T = 10 says it shows t = 10 instead of silently showing something else.
 */
export function ruleNotices<S extends ParamSpecs>(
  specs: S,
  namespace: string,
  search: URLSearchParams,
  corrected: readonly string[],
  values: ParamValues<S>,
): ParamNotice[] {
  return corrected
    .filter((name) => search.has(`${namespace}.${name}`) && Object.prototype.hasOwnProperty.call(specs, name))
    .map((name) => {
      const all = search.getAll(`${namespace}.${name}`);
      return {
        param: `${namespace}.${name}`,
        raw: all[all.length - 1],
        kind: 'clamped' as const,
        used: formatValue(specs[name], (values as Record<string, unknown>)[name]),
      };
    });
}
