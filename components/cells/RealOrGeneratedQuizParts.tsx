'use client';
/** The quiz's pieces: one tile (image, real/generated buttons, the truth once revealed) and the controls. */
import type { Messages } from '@/messages';
import type { Lang } from '@/lib/chapters';
import { fixed } from '@/messages/format';
import { HELDOUT_DIGITS } from '@/lib/imageSampling/heldoutDigits';
import type { Kind, QuizItem } from '@/lib/imageExtras/quiz';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import type { CellApi } from '../cell/Cell';
import { ParamControls } from '../cell/ParamControls';
import { PixelCanvas } from '../imageModel/PixelCanvas';
import { colourLabel } from '../imageModel/labels';
import type { quizSpec } from './catalog';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof quizSpec>;
type Text = Messages['cells']['quiz'];

export interface Tile { item: QuizItem; image: Float32Array; verdict: Verdict | null }

export function QuizControls({ api, spec, text }: { api: CellApi<Spec>; spec: Spec; text: Text }) {
  return (
    <ParamControls spec={spec} values={api.values} setValue={api.setValue} disabled={api.running} labels={text}
      params={['rounds', 'seed', 'steps', 'w']}
      options={{ rounds: { as: 'number' }, steps: { log: true }, w: { step: 0.25, format: (v) => fixed(v, 2) } }} />
  );
}

export function QuizTile({ t, i, guess, revealed, onGuess, text, lang }: {
  t: Tile; i: number; guess: Kind | null; revealed: boolean; onGuess: (k: Kind) => void; text: Text; lang: Lang;
}) {
  const right = guess === t.item.kind;
  const colourName = colourLabel(lang, t.item.colour);
  return (
    <li>
      <figure data-testid="quiz-tile" data-index={i} data-guess={guess ?? ''}
        data-kind={revealed ? t.item.kind : undefined}
        data-verdict-digit={revealed && t.verdict ? t.verdict.digit : undefined}>
        <PixelCanvas data={t.image} size={28} displayPx={104}
          label={revealed ? text.tileRevealed(i, t.item.kind, t.item.digit, colourName) : text.tile(i)} />
        <div className={styles.guess} role="group" aria-label={text.guessGroup(i)}>
          {(['real', 'generated'] as const).map((k) => (
            <button key={k} type="button" data-guess={k} aria-pressed={guess === k} disabled={revealed} onClick={() => onGuess(k)}>
              {k === 'real' ? text.real : text.generated}
            </button>
          ))}
        </div>
        {revealed && (
          <figcaption>
            <span className={right ? styles.ok : styles.bad}>
              <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
              {t.item.kind === 'real' ? text.truthReal(HELDOUT_DIGITS[t.item.heldout].mnistIndex) : text.truthGen}
            </span>
            {t.verdict && <><br />{text.classifier(t.verdict.digit, colourLabel(lang, t.verdict.colour), t.verdict.digitProb)}</>}
          </figcaption>
        )}
      </figure>
    </li>
  );
}
