import { readFunctionSource } from '@/lib/content';
import { ForwardDiffusionCellClient } from './lazyClients';

/** Server wrapper: the real source of what the forward-diffusion cell runs, read at build time. */
export function ForwardDiffusionCell() {
  const code = [
    { file: 'lib/diffusion/forward.ts', name: 'qSample' },
    { file: 'lib/metrics2d.ts', name: 'slicedWasserstein' },
    { file: 'lib/plotting/cloudData.ts', name: 'distanceToNormal' },
    { file: 'lib/plotting/cloudData.ts', name: 'prepareCloud' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <ForwardDiffusionCellClient code={code} />;
}
