// The axe-core check every browser test shares: serious and critical violations only.
import { AxeBuilder } from '@axe-core/playwright';

const SERIOUS = new Set(['serious', 'critical']);

/** Serious or critical axe violations on the page (or inside `include`), one line each. */
export async function seriousViolations(page, include) {
  // Default rule set (WCAG 2.0/2.1/2.2 A and AA plus best practices) and the one experimental rule
  // the issue names: a control's accessible name must contain its visible text.
  let builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => SERIOUS.has(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`);
}
