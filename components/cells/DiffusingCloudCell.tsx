import { readFunctionSource } from '@/lib/content';
import { DiffusingCloudCellClient } from './lazyClients';

/** Server wrapper: the real source of the forward step the animation runs, read at build time. */
export function DiffusingCloudCell() {
  const code = [
    { file: 'lib/diffusion/forward.ts', name: 'qStep' },
    { file: 'lib/plotting/chain.ts', name: 'ForwardChain' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <DiffusingCloudCellClient code={code} />;
}
