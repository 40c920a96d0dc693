'use client';
import { useEffect, useState } from 'react';
import type { Section } from '@/lib/chapters';

/** Sidebar table of contents; highlights the section being read. */
export function Toc({ sections, label }: { sections: Section[]; label: string }) {
  const [current, setCurrent] = useState<string | null>(null);
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
  return (
    <nav className="toc" aria-label={label} data-testid="toc">
      <p className="toc-label">{label}</p>
      <ol>
        {sections.map((s) => (
          <li key={s.id} className={`toc-level-${s.level}`}>
            <a href={`#${s.id}`} aria-current={current === s.id ? 'location' : undefined}>{s.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
