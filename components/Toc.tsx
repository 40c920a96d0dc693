'use client';
import { useEffect, useState } from 'react';
import type { Section } from '@/lib/chapters';
import './toc.css';

/**
 * Sidebar table of contents; highlights the section being read. On a narrow screen (phones) it
 * folds into one "On this page" line naming the current section, so the chapter's title and first
 * paragraph stay on the first screen; the list opens from that line and closes on a pick.
 */
export function Toc({ sections, label }: { sections: Section[]; label: string }) {
  const [current, setCurrent] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const headings = sections
      .map((s) => document.getElementById(s.id))
      .filter((el): el is HTMLElement => el !== null);
    const update = () => {
      // The current section is the last heading above 30% of the viewport.
      const line = window.innerHeight * 0.3;
      let active: string | null = headings[0]?.id ?? null;
      for (const h of headings) if (h.getBoundingClientRect().top <= line) active = h.id;
      setCurrent(active);
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    // Cells grow as they hydrate, moving headings without any scroll event.
    const main = document.querySelector('main');
    const observer = new ResizeObserver(update);
    if (main) observer.observe(main);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
      observer.disconnect();
    };
  }, [sections]);
  const currentTitle = sections.find((s) => s.id === current)?.title;
  return (
    <nav className="toc" aria-label={label} data-testid="toc" data-open={open ? 'true' : 'false'}>
      <button type="button" className="toc-toggle" aria-expanded={open} aria-controls="toc-list" data-testid="toc-toggle"
        onClick={() => setOpen((o) => !o)}>
        <span className="toc-toggle-label">{label}</span>
        {currentTitle && <span className="toc-toggle-current">{currentTitle}</span>}
        <span className="toc-toggle-mark" aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      <p className="toc-label">{label}</p>
      <ol id="toc-list">
        {sections.map((s) => (
          <li key={s.id} className={`toc-level-${s.level}`}>
            <a href={`#${s.id}`} aria-current={current === s.id ? 'location' : undefined} onClick={() => setOpen(false)}>{s.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
