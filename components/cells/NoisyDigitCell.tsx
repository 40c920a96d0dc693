import { readFunctionSource } from '@/lib/content';
import { NoisyDigitCellClient } from './lazyClients';

/** Server wrapper: the real source of what the noisy-digit cell runs, read at build time. */
export function NoisyDigitCell() {
  const code = [
    { file: 'lib/diffusion/forward.ts', name: 'qSample' },
    { file: 'lib/data/mnistSamples.ts', name: 'mnistDigitSigned' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <NoisyDigitCellClient code={code} />;
}
