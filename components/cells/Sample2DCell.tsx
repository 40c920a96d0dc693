import { readFunctionSource } from '@/lib/content';
import { Sample2DCellClient } from './lazyClients';

/** Server wrapper: the real sampler source (the core's `step`) and the loop that drives it. */
export function Sample2DCell() {
  const code = [
    ['lib/diffusion/samplers.ts', 'makeDdpmSampler'],
    ['lib/diffusion/samplers.ts', 'makeDdimSampler'],
    ['lib/train2d/sample.ts', 'samplePoints'],
  ].map(([file, name]) => ({ file, name, source: readFunctionSource(file, name) }));
  return <Sample2DCellClient code={code} />;
}
