import { readFunctionSource } from '@/lib/content';
import { Train2DCellClient } from './lazyClients';

/** Server wrapper: the real source of the network and the training step, read at build time. */
export function Train2DCell() {
  const code = [
    ['lib/train2d/model.ts', 'initWeights'],
    ['lib/train2d/model.ts', 'Net'],
    ['lib/train2d/trainer.ts', 'drawBatch'],
    ['lib/train2d/trainer.ts', 'learningRateAt'],
    ['lib/train2d/trainer.ts', 'Trainer'],
  ].map(([file, name]) => ({ file, name, source: readFunctionSource(file, name) }));
  return <Train2DCellClient code={code} />;
}
