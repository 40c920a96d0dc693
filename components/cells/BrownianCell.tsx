import { readFunctionSource } from '@/lib/content';
import { BrownianCellClient } from './lazyClients';

/** Server wrapper: reads the real simulation source at build time for the "show code" panel. */
export function BrownianCell() {
  const code = ['createInkDrop', 'brownianStep', 'meanSquaredDisplacement'].map((name) => ({
    file: 'lib/brownian.ts',
    name,
    source: readFunctionSource('lib/brownian.ts', name),
  }));
  return <BrownianCellClient code={code} />;
}
