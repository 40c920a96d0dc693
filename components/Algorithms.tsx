import type { Lang } from '@/lib/chapters';
import { readFunctionSource } from '@/lib/content';
import { getStrings } from '@/messages';

/**
 * The code that runs DDPM's Algorithm 1 or 2 on this site, placed right after the algorithm in
 * the theory chapter. Sources are read from the modules at build time, so they cannot drift.
 */
const ALGORITHMS = {
  training: [
    { file: 'lib/train2d/engine.ts', name: 'runTraining', lines: '1, 6' },
    { file: 'lib/train2d/trainer.ts', name: 'drawBatch', lines: '2–4' },
    { file: 'lib/train2d/trainer.ts', name: 'Trainer.trainStep', lines: '5' },
  ],
  // sampleLoop is the one reverse-process loop: the 2D, image, speed and inverse-problem cells all run it.
  sampling: [
    { file: 'lib/diffusion/reverseProcess.ts', name: 'drawPrior', lines: '1' },
    { file: 'lib/diffusion/reverseProcess.ts', name: 'sampleLoop', lines: '2, 5–6' },
    { file: 'lib/diffusion/samplers.ts', name: 'makeDdpmSampler', lines: '3–4' },
  ],
} as const;

export function AlgorithmCode({ lang, algorithm }: { lang: Lang; algorithm: keyof typeof ALGORITHMS }) {
  const t = getStrings(lang).algorithms;
  const refs = ALGORITHMS[algorithm] ?? [];
  return (
    <figure className="algorithm-code" data-testid={`algorithm-code-${algorithm}`}>
      <figcaption>{t[algorithm]}</figcaption>
      {refs.map((r) => (
        <details key={r.name} open>
          <summary>
            <span className="algorithm-lines">{t.lines(r.lines)}</span> <code>{r.file}</code> — <code>{r.name}</code>
          </summary>
          <pre tabIndex={0}><code>{readFunctionSource(r.file, r.name)}</code></pre>
        </details>
      ))}
    </figure>
  );
}
