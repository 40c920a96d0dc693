import fs from 'node:fs';
import path from 'node:path';
import { readFunctionSource } from '@/lib/content';
import { PromptToImageCellClient } from './PromptToImageCellClient';

/** Used when the exported manifest carries no tuned default (training/evaluate.py has not run). */
const FALLBACK_GUIDANCE = 2;

/** The tuned default guidance w from the exported model's manifest, read at build time. */
function defaultGuidance(): number {
  try {
    const file = path.join(process.cwd(), 'public', 'models', 'colour-mnist-unet', 'manifest.json');
    const w = JSON.parse(fs.readFileSync(file, 'utf8'))?.sampling?.defaultGuidance;
    return typeof w === 'number' && Number.isFinite(w) && w >= 0 && w <= 10 ? w : FALLBACK_GUIDANCE;
  } catch {
    return FALLBACK_GUIDANCE;
  }
}

/** Server wrapper: the real sampler source for "show code", and the model's default guidance. */
export function PromptToImageCell() {
  const code = [
    { file: 'lib/imageSampling/sampleImages.ts', name: 'sampleImages' },
    { file: 'lib/imageSampling/sampleImages.ts', name: 'guidedBatchEpsilon' },
    { file: 'lib/diffusion/samplers.ts', name: 'guidedEpsilon' },
    { file: 'lib/imageSampling/prompt.ts', name: 'parsePrompt' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <PromptToImageCellClient code={code} defaultGuidance={defaultGuidance()} />;
}
