'use client';
import { useEffect } from 'react';
import { CHAPTER_SLUGS, type ChapterSlug, type Lang } from '@/lib/chapters';
import { useStrings } from './LangProvider';
import { useBrowserValue } from './useBrowserValue';

const KEY = 'ddpm-progress';

/** Reading progress per chapter (share of the page scrolled, max so far), shared by both languages. */
function load(): Record<string, number> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const out: Record<string, number> = {};
    for (const slug of CHAPTER_SLUGS) {
      const v = raw?.[slug];
      if (typeof v === 'number' && v >= 0 && v <= 1) out[slug] = v;
    }
    return out;
  } catch {
    return {};
  }
}

export function ReadingProgressTracker({ slug }: { slug: ChapterSlug }) {
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const doc = document.documentElement;
        const scrollable = doc.scrollHeight - window.innerHeight;
        const fraction = scrollable <= 0 ? 1 : Math.min(1, window.scrollY / scrollable);
        const all = load();
        if ((all[slug] ?? 0) < fraction) {
          all[slug] = Math.round(fraction * 100) / 100;
          try { localStorage.setItem(KEY, JSON.stringify(all)); } catch { /* storage full or blocked */ }
        }
      });
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    return () => window.removeEventListener('scroll', update);
  }, [slug]);
  return null;
}

export function ChapterProgress({ slug }: { slug: ChapterSlug; lang: Lang }) {
  const t = useStrings();
  const value = useBrowserValue<number | null>(() => load()[slug] ?? 0, null);
  if (value === null) return <span className="chapter-progress" />;
  return (
    <span className="chapter-progress" data-testid={`progress-${slug}`}>
      <progress max={1} value={value} aria-label={`${Math.round(value * 100)}% ${t.progress}`} />
      <span>{value > 0 ? `${Math.round(value * 100)}% ${t.progress}` : t.notStarted}</span>
    </span>
  );
}
