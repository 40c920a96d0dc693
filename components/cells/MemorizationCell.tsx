import { readFunctionSource } from '@/lib/content';
import { MemorizationCellClient } from './lazyClients';

/** Server wrapper: the real nearest-neighbour measure shown under the plot. */
export function MemorizationCell() {
  const code = [
    ['lib/metrics2d.ts', 'nearestDistances'],
    ['lib/train2d/engine.ts', 'runTraining'],
  ].map(([file, name]) => ({ file, name, source: readFunctionSource(file, name) }));
  return <MemorizationCellClient code={code} />;
}
