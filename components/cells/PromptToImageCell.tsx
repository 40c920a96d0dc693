import { readFunctionSource } from '@/lib/content';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';
import { PromptToImageCellClient } from './lazyClients';

/** Server wrapper: the real sampler source for "show code", and the model's default guidance (from its manifest). */
export function PromptToImageCell() {
  const code = [
    { file: 'lib/imageSampling/sampleImages.ts', name: 'sampleImages' },
    { file: 'lib/imageSampling/sampleImages.ts', name: 'guidedBatchEpsilon' },
    { file: 'lib/diffusion/samplers.ts', name: 'guidedEpsilon' },
    { file: 'lib/imageSampling/prompt.ts', name: 'parsePrompt' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <PromptToImageCellClient code={code} defaultGuidance={modelFactsAtBuild().defaultGuidance} />;
}
