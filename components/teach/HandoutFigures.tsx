'use client';
/**
 * A handout's figures in their current state: the chapter's figures as they were last drawn in
 * this browser (components/figures/figureSnapshots.ts), each with its title and the settings that
 * produced it; or one line saying how to get them, when none of the chapter's figures has run here.
 */
import type { ChapterSlug, Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { useBrowserValue } from '../useBrowserValue';
import { clearFigures, parseFigures, storedFigures } from '../figures/figureSnapshots';

const onStorage = (onChange: () => void) => {
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
};

export function HandoutFigures({ lang, slug }: { lang: Lang; slug: ChapterSlug }) {
  const t = getStrings(lang).teach;
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
      <div className="teach-figures">
        {figures.map((f) => (
          <figure key={f.cell} data-handout-figure={f.cell}>
            {/* A data URL drawn in this browser: next/image has nothing to optimize. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={f.src} alt={`${f.title}. ${f.settings}`} />
            <figcaption><strong>{f.title}</strong> {f.settings}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
