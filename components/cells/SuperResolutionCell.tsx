import { readFunctionSource } from '@/lib/content';
import { InverseCellClient } from './lazyClients';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';

/** Server wrapper: the real operator, projection and sampler source for "show code". */
export function SuperResolutionCell() {
  const code = [
    { file: 'lib/imageSampling/operators.ts', name: 'superResolutionOperator' },
    { file: 'lib/imageSampling/operators.ts', name: 'ddnmProject' },
    { file: 'lib/imageSampling/sampleImages.ts', name: 'projectedEpsilon' },
    { file: 'lib/imageSampling/sampleImages.ts', name: 'sampleImages' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <InverseCellClient task="superres" id="superres" code={code} facts={modelFactsAtBuild()} />;
}
