import { readFunctionSource } from '@/lib/content';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';
import { NearestTrainingImageCellClient } from './lazyClients';

/** Server wrapper: the real search and reference-line code for "show code". */
export function NearestTrainingImageCell() {
  const code = [
    { file: 'lib/imageExtras/nearest.ts', name: 'makeQuery' },
    { file: 'lib/imageExtras/nearest.ts', name: 'distanceTo' },
    { file: 'lib/imageExtras/nearest.ts', name: 'nearestTraining' },
    { file: 'lib/imageExtras/nearest.ts', name: 'sameClassNearestDistances' },
    { file: 'lib/imageExtras/nearest.ts', name: 'referenceLine' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <NearestTrainingImageCellClient code={code} defaultGuidance={modelFactsAtBuild().defaultGuidance} />;
}
