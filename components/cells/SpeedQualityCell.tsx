import { readFunctionSource } from '@/lib/content';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';
import { SpeedQualityCellClient } from './lazyClients';

/** Server wrapper: the two samplers (one `step` interface), the sampling loop and the quality measure, for "show code". */
export function SpeedQualityCell() {
  const code = [
    { file: 'lib/diffusion/samplers.ts', name: 'makeDdpmSampler' },
    { file: 'lib/diffusion/samplers.ts', name: 'makeDdimSampler' },
    { file: 'lib/diffusion/samplers.ts', name: 'ddimTimesteps' },
    { file: 'lib/imageSampling/sampleImages.ts', name: 'sampleImages' },
    { file: 'lib/imageExtras/speed.ts', name: 'agreement' },
    { file: 'lib/imageExtras/speed.ts', name: 'compareRuns' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <SpeedQualityCellClient code={code} defaultGuidance={modelFactsAtBuild().defaultGuidance} />;
}
