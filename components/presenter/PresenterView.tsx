'use client';
/**
 * Presenter view (`?present` on a chapter, or the header's Present button): one H2 section per
 * screen in large type, cells live and full width. Arrow keys, Page Up/Down, space and a
 * horizontal swipe move between sections; Esc leaves. The address bar follows the section
 * (`?present#<section>`), so a reload or a shared link resumes there.
 */
import { useCallback, useEffect, useState } from 'react';
import { useStrings } from '../LangProvider';
import { PRESENT_EVENT, presenterKey, presenterUrl, readSections, sectionOfHash, type PresenterSection } from './presenterSections';
import './presenter.css';

function isPresentUrl(): boolean {
  return new URLSearchParams(window.location.search).has('present');
}

/** Show section `index` only: every other block of the article is switched off by CSS. */
function showOnly(sections: PresenterSection[], index: number): void {
  sections.forEach((s, i) => s.nodes.forEach((n) => n.toggleAttribute('data-present-off', i !== index)));
  document.documentElement.toggleAttribute('data-present-first', index === 0);
}

interface Presenting { sections: PresenterSection[]; index: number }

/** The article's sections and the one the hash names, when the URL asks for the presenter view. */
function readPresenting(): Presenting | null {
  const article = isPresentUrl() ? document.querySelector('main article') : null;
  const sections = article ? readSections(article) : [];
  return sections.length ? { sections, index: Math.max(0, sectionOfHash(sections, window.location.hash)) } : null;
}

/** On while the URL has ?present: entered on load, by the header button (PRESENT_EVENT) or history. */
function usePresenting(): [Presenting | null, (f: (p: Presenting | null) => Presenting | null) => void] {
  const [state, setState] = useState<Presenting | null>(null);
  useEffect(() => {
    const sync = () => setState(readPresenting());
    const onHash = () => setState((p) => {
      const i = p ? sectionOfHash(p.sections, window.location.hash) : -1;
      return p && i >= 0 ? { ...p, index: i } : p;
    });
    sync();
    window.addEventListener('popstate', sync);
    window.addEventListener(PRESENT_EVENT, sync);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener(PRESENT_EVENT, sync);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  return [state, setState];
}

/** Keys and horizontal swipes → next / previous / leave. */
function usePresenterInput(active: boolean, go: (d: 'next' | 'prev' | 'first' | 'last') => void, leave: () => void) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const k = presenterKey(e);
      if (!k) return;
      e.preventDefault();
      if (k === 'leave') leave(); else go(k);
    };
    let start: { x: number; y: number } | null = null;
    const onTouchStart = (e: TouchEvent) => {
      const el = e.target instanceof Element ? e.target : null;
      start = e.touches.length === 1 && !el?.closest('canvas, input, select, textarea') ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    };
    const onTouchEnd = (e: TouchEvent) => {
      if (!start) return;
      const dx = e.changedTouches[0].clientX - start.x, dy = e.changedTouches[0].clientY - start.y;
      start = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 'next' : 'prev');
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('touchstart', onTouchStart, { passive: true });
    window.addEventListener('touchend', onTouchEnd, { passive: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('touchstart', onTouchStart);
      window.removeEventListener('touchend', onTouchEnd);
    };
  }, [active, go, leave]);
}

export function PresenterView() {
  const t = useStrings().classroom;
  const [present, setPresent] = usePresenting();
  const sections = present?.sections ?? null;
  const index = present?.index ?? 0;

  // While on: the page's attributes switch the layout; off again, everything is back.
  useEffect(() => {
    if (!sections) return;
    document.documentElement.setAttribute('data-present', '');
    return () => {
      sections.forEach((s) => s.nodes.forEach((n) => n.removeAttribute('data-present-off')));
      document.documentElement.removeAttribute('data-present');
      document.documentElement.removeAttribute('data-present-first');
    };
  }, [sections]);

  // Show the current section; the address bar follows it.
  useEffect(() => {
    if (!sections) return;
    showOnly(sections, index);
    const url = presenterUrl(true, sections[index].id);
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url);
    window.scrollTo({ top: 0, behavior: 'instant' as ScrollBehavior });
  }, [sections, index]);

  const go = useCallback((d: 'next' | 'prev' | 'first' | 'last') => setPresent((p) => {
    if (!p) return p;
    const n = p.sections.length, i = p.index;
    return { ...p, index: d === 'next' ? Math.min(n - 1, i + 1) : d === 'prev' ? Math.max(0, i - 1) : d === 'first' ? 0 : n - 1 };
  }), [setPresent]);

  const leave = useCallback(() => {
    const id = sections?.[index]?.id ?? '';
    window.history.replaceState(window.history.state, '', presenterUrl(false, id));
    setPresent(() => null);
    requestAnimationFrame(() => { if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' }); });
  }, [sections, index, setPresent]);

  usePresenterInput(!!sections, go, leave);

  if (!sections) return null;
  const current = sections[index];
  return (
    <nav className="presenter-bar" aria-label={t.presenterNav} data-testid="presenter-bar">
      <button type="button" onClick={() => go('prev')} disabled={index === 0} aria-label={t.previousSection} data-action="presenter-prev">←</button>
      <span className="presenter-counter" data-testid="presenter-counter" data-index={index + 1} data-count={sections.length}
        aria-label={t.counter(index + 1, sections.length)} aria-live="polite">
        {index + 1} / {sections.length}
      </span>
      <span className="presenter-title">{current.title}</span>
      <button type="button" onClick={() => go('next')} disabled={index === sections.length - 1} aria-label={t.nextSection} data-action="presenter-next">→</button>
      <button type="button" onClick={leave} title={t.leaveTitle} data-action="presenter-leave">{t.leave}</button>
    </nav>
  );
}
