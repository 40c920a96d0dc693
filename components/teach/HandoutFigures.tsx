'use client';
/**
 * A handout's figures in their current state: the chapter's figures as they were last drawn in
 * this browser (components/figures/figureSnapshots.ts), each with its title and the settings that
 * produced it; or one line saying how to get them, when none of the chapter's figures has run here.
 */
import type { CSSProperties } from 'react';
import type { ChapterSlug, Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { useBrowserValue } from '../useBrowserValue';
import { clearFigures, parseFigures, storedFigures } from '../figures/figureSnapshots';

const onStorage = (onChange: () => void) => {
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
};

/**
 * Up to six figures in one row (three columns at least), a second row beyond six: a chapter with
 * every figure stored still leaves room on the sheet for its equations and exercises.
 */
function figureGrid(count: number): CSSProperties {
  const columns = Math.min(Math.max(count, 3), 6);
  return { '--figure-columns': columns, '--figure-rows': Math.ceil(count / columns) } as CSSProperties;
}

/** The stored line starts with the print label ("Settings:"); under the list's numbers it is noise. */
const withoutLabel = (line: string, label: string) => (line.startsWith(label) ? line.slice(label.length).trim() : line);

export function HandoutFigures({ lang, slug }: { lang: Lang; slug: ChapterSlug }) {
  const strings = getStrings(lang);
  const t = strings.teach;
  const stored = useBrowserValue(() => storedFigures(lang, slug), '', onStorage);
  const figures = parseFigures(stored);
  if (figures.length === 0) return <p className="teach-figures-none" data-testid="handout-figures-none">{t.figuresNone}</p>;
  const at = new Date(Math.max(...figures.map((f) => f.at)));
  return (
    <div data-testid="handout-figures">
      <p className="teach-figures-note">
        {t.figuresNote(at.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'))}{' '}
        <button type="button" className="no-print" data-action="forget-figures"
          onClick={() => { clearFigures(lang, slug); window.dispatchEvent(new Event('storage')); }}>
          {t.figuresForget}
        </button>
      </p>
      {/* The grid's columns and the pictures' height follow the number of figures, so a chapter
          with six stored figures still prints on one sheet (teach.css). */}
      <div className="teach-figures" style={figureGrid(figures.length)}>
        {figures.map((f, i) => (
          <figure key={f.cell} data-handout-figure={f.cell}>
            {/* A data URL drawn in this browser: next/image has nothing to optimize. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={f.src} alt={`${f.title}. ${f.settings}`} />
            <figcaption><strong>{i + 1}. {f.title}</strong></figcaption>
          </figure>
        ))}
      </div>
      {/* The settings lines are long: full width under the grid, numbered like the figures. */}
      <ol className="teach-figure-settings" data-testid="handout-figure-settings">
        {figures.map((f) => <li key={f.cell} data-handout-settings={f.cell}>{withoutLabel(f.settings, strings.print.settings)}</li>)}
      </ol>
    </div>
  );
}
