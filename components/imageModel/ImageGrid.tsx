'use client';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { PixelCanvas } from './PixelCanvas';
import styles from './imageModel.module.css';

export interface GridSlot {
  /** One image [28, 28, 3] in [−1, 1], or null before it exists. */
  data: Float32Array | null;
  state: 'empty' | 'preview' | 'final';
  requestedDigit: number | null;
  requestedColour: number | null;
  verdict: Verdict | null;
}

/**
 * A grid of generated images, each with the evaluation classifier's verdict under it: ✓ or ✗
 * only where a digit or colour was asked for (✓ when it matches), the plain reading where
 * nothing was asked (an unconditional or repaired sample has nothing to match). Data attributes
 * carry the requested and judged labels for tests and the benchmark.
 */
export function ImageGrid({
  slots, label, slotLabel, verdictText, verdictTitle,
}: {
  slots: GridSlot[];
  label: string;
  slotLabel: (s: GridSlot, i: number) => string;
  verdictText: (v: Verdict) => string;
  verdictTitle: (v: Verdict) => string;
}) {
  if (slots.length === 0) return null;
  return (
    <ul className={styles.grid} aria-label={label} data-testid="image-grid">
      {slots.map((s, i) => {
        const v = s.verdict;
        const asked = s.requestedDigit !== null || s.requestedColour !== null;
        const ok = v && (s.requestedDigit === null || v.digit === s.requestedDigit) && (s.requestedColour === null || v.colour === s.requestedColour);
        return (
          <li key={i}>
            <figure
              data-testid="sample"
              data-index={i}
              data-state={s.state}
              data-requested-digit={s.requestedDigit ?? 'none'}
              data-requested-colour={s.requestedColour ?? 'none'}
              data-verdict-digit={v ? v.digit : ''}
              data-verdict-colour={v ? v.colour : ''}
              data-verdict-digit-prob={v ? v.digitProb.toFixed(4) : ''}
              data-verdict-colour-prob={v ? v.colourProb.toFixed(4) : ''}
            >
              <PixelCanvas data={s.data} size={28} label={slotLabel(s, i)} state={s.state} />
              <figcaption title={v ? verdictTitle(v) : undefined}>
                {v && asked ? (
                  <span className={ok ? styles.ok : styles.bad} data-verdict-mark={ok ? 'match' : 'mismatch'}>
                    <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>{verdictText(v)}
                  </span>
                ) : v ? (
                  <span className={styles.reading} data-verdict-mark="none">{verdictText(v)}</span>
                ) : s.state === 'preview' ? '…' : '\u00a0'}
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
