'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang } from '@/lib/chapters';
import { makeRng } from '@/lib/rng';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import { useStrings } from '../LangProvider';
import { PixelCanvas } from '../imageModel/PixelCanvas';
import { colourLabel } from '../imageModel/labels';
import { useLazyImageModel } from './useLazyImageModel';
import { useAutoDraw } from './useAutoDraw';
import { isAbortError } from '@/lib/abort';
import styles from './imageExtras.module.css';

const AVATARS = 8;
const STEPS = 20;
const PER = 28 * 28 * 3;
const PREF_KEY = 'ddpm-explorable.avatars.auto';

type Phase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'drawing'; step: number } | { kind: 'done'; seed: number; seconds: number; backend: string } | { kind: 'error'; message: string };

/**
 * Eight avatars (digit × colour drawn from a fresh seed) sampled by the shared image model on a
 * button press. Automatic drawing is opt-in (a stored preference), waits until the strip is on
 * screen and the browser is idle, and is skipped when the reader asked to save data.
 */
export function AvatarStripClient({ lang, guidance }: { lang: Lang; guidance: number }) {
  const t = useStrings().avatars;
  const { get } = useLazyImageModel();
  const reducedMotion = usePrefersReducedMotion();
  const [images, setImages] = useState<(Float32Array | null)[]>(() => new Array(AVATARS).fill(null));
  const [conds, setConds] = useState<{ digit: number; colour: number }[] | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const root = useRef<HTMLElement>(null);

  const generate = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const seed = crypto.getRandomValues(new Uint32Array(1))[0] % 2147483648;
    setPhase({ kind: 'loading' });
    try {
      const client = await get();
      const info = await client.load({ classifier: false });
      if (ac.signal.aborted) return;
      const rng = makeRng(seed);
      const c = Array.from({ length: AVATARS }, () => ({ digit: rng.int(0, 9), colour: rng.int(0, info.colours.length - 1) }));
      setConds(c);
      setImages(new Array(AVATARS).fill(null));
      setPhase({ kind: 'drawing', step: 0 });
      const r = await client.sample(
        {
          sampler: { kind: 'ddim', steps: STEPS, eta: 0 }, guidance: info.defaultGuidance ?? guidance,
          digits: c.map((x) => x.digit), colours: c.map((x) => x.colour), seed,
          previewEvery: reducedMotion ? 0 : 2, chunkSize: AVATARS,
        },
        {
          signal: ac.signal,
          onProgress: (done) => setPhase({ kind: 'drawing', step: done }),
          onPreview: (start, n, x0) => setImages((prev) => prev.map((im, i) => (i >= start && i < start + n ? x0.slice((i - start) * PER, (i - start + 1) * PER) : im))),
        },
      );
      setImages(Array.from({ length: AVATARS }, (_, i) => r.images.slice(i * PER, (i + 1) * PER)));
      setPhase({ kind: 'done', seed, seconds: r.timing.totalSeconds, backend: r.timing.backend });
    } catch (e) {
      if (ac.signal.aborted || isAbortError(e)) { setPhase({ kind: 'idle' }); return; }
      setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, [get, guidance, reducedMotion]);

  useEffect(() => () => abort.current?.abort(), []);

  // Opt-in automatic drawing: only when visible, when the browser is idle, never with Save-Data.
  const [auto, setAuto] = useAutoDraw(PREF_KEY, root, () => { void generate(); });

  const busy = phase.kind === 'loading' || phase.kind === 'drawing';
  const link = <a href={`/${lang}/applications/`}>{t.chapter}</a>;
  return (
    <section className={styles.strip} ref={root} aria-labelledby="avatar-strip-title" data-testid="avatar-strip" data-phase={phase.kind}>
      <h2 id="avatar-strip-title">{t.heading}</h2>
      <ul className={styles.stripRow} aria-label={t.list}>
        {images.map((im, i) => (
          <li key={i}>
            <PixelCanvas data={im} size={28} displayPx={64} testId="avatar"
              state={im ? (phase.kind === 'done' ? 'final' : 'preview') : 'empty'}
              label={im && conds ? t.label(i, conds[i].digit, colourLabel(lang, conds[i].colour)) : t.empty(i)} />
          </li>
        ))}
      </ul>
      <div className={styles.stripBar}>
        {busy
          ? <button type="button" data-action="avatars-stop" onClick={() => abort.current?.abort()}>{t.stop}</button>
          : <button type="button" className="btn-primary" data-action="avatars" onClick={() => void generate()}>{phase.kind === 'done' ? t.again : t.draw}</button>}
        <span aria-live="polite" data-testid="avatar-status">
          {phase.kind === 'loading' && t.loading}
          {phase.kind === 'drawing' && t.drawing(phase.step, STEPS)}
          {phase.kind === 'error' && t.error(phase.message)}
        </span>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.currentTarget.checked)} />
          {t.auto}
        </label>
      </div>
      <p className={styles.muted} data-testid="avatar-caption">
        {phase.kind === 'done'
          ? t.after(link, phase.seed, STEPS, phase.seconds * 1000, phase.backend)
          : t.before(link)}
      </p>
    </section>
  );
}
