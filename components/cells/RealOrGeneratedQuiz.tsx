import { readFunctionSource } from '@/lib/content';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';
import { RealOrGeneratedQuizClient } from './lazyClients';

/** Server wrapper: the real source of the quiz plan, the scoring and the training colouring for "show code". */
export function RealOrGeneratedQuiz() {
  const code = [
    { file: 'lib/imageExtras/quiz.ts', name: 'planQuiz' },
    { file: 'lib/imageExtras/quiz.ts', name: 'scoreQuiz' },
    { file: 'lib/imageExtras/colouring.ts', name: 'colouriseDigit' },
    { file: 'lib/imageExtras/colouring.ts', name: 'jitteredStroke' },
  ].map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
  return <RealOrGeneratedQuizClient code={code} defaultGuidance={modelFactsAtBuild().defaultGuidance} />;
}
