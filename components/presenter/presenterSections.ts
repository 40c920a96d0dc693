/**
 * The presenter view's sections, read from the rendered chapter: one per H2 of the article, the
 * blocks before the first H2 joining the first one. Works on the DOM the page already has, so
 * the cells stay the same live React components (hidden, never unmounted).
 */

export interface PresenterSection {
  id: string;
  title: string;
  nodes: Element[];
}

/** The H2's own text, without its copy-link button. */
function headingText(h: Element): string {
  const clone = h.cloneNode(true) as Element;
  clone.querySelectorAll('button').forEach((b) => b.remove());
  return (clone.textContent ?? '').trim();
}

export function readSections(article: Element): PresenterSection[] {
  const sections: PresenterSection[] = [];
  const before: Element[] = [];
  for (const node of Array.from(article.children)) {
    if (node.tagName === 'H2' && node.id) sections.push({ id: node.id, title: headingText(node), nodes: [node] });
    else if (sections.length === 0) before.push(node);
    else sections[sections.length - 1].nodes.push(node);
  }
  if (sections.length === 0) return before.length ? [{ id: '', title: '', nodes: before }] : [];
  sections[0].nodes.unshift(...before);
  return sections;
}

/** The section holding the element a hash names (a section, a sub-heading or a cell), or -1. */
export function sectionOfHash(sections: PresenterSection[], hash: string): number {
  let id = hash.replace(/^#/, '');
  try { id = decodeURIComponent(id); } catch { return -1; }
  if (!id) return -1;
  const target = document.getElementById(id);
  if (!target) return -1;
  return sections.findIndex((s) => s.nodes.some((n) => n === target || n.contains(target)));
}

/** Keys the presenter listens to, unless the reader is typing or using a control. */
export function presenterKey(e: KeyboardEvent): 'next' | 'prev' | 'first' | 'last' | 'leave' | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = e.target instanceof Element ? e.target : null;
  if (el?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return null;
  // Space presses a focused button or link; only take it when nothing interactive has focus.
  const onControl = !!el?.closest('button, a, summary, [role="button"], canvas');
  switch (e.key) {
    case 'ArrowRight': case 'PageDown': return 'next';
    case 'ArrowLeft': case 'PageUp': return 'prev';
    case ' ': return onControl ? null : e.shiftKey ? 'prev' : 'next';
    case 'Home': return 'first';
    case 'End': return 'last';
    case 'Escape': return 'leave';
    default: return null;
  }
}

/** The URL of section `id` in the presenter view, keeping every other query parameter (cells' state). */
export function presenterUrl(present: boolean, id: string): string {
  const q = new URLSearchParams(window.location.search);
  if (present) q.set('present', ''); else q.delete('present');
  const query = q.toString().replace(/(^|&)present=(?=&|$)/, '$1present');
  return `${window.location.pathname}${query ? `?${query}` : ''}${id ? `#${id}` : window.location.hash}`;
}

export const PRESENT_EVENT = 'ddpm:present';
