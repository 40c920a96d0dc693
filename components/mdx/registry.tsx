/**
 * The single registry mapping MDX tags to components. Chapter files in content/<lang>/ use
 * only these tags; adding a figure means adding one line here.
 */
import type { ComponentProps } from 'react';
import { H2, H3 } from '../Heading';
import { Note, Warning } from '../Callout';
import { CodeBlock } from '../CodeBlock';
import { AlgorithmCode } from '../Algorithms';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { BrownianCell } from '../cells/BrownianCell';
import { ScheduleExplorerCell } from '../cells/ScheduleExplorerCell';
import { ForwardDiffusionCell } from '../cells/ForwardDiffusionCell';
import { DiffusingCloudCell } from '../cells/DiffusingCloudCell';
import { NoisyDigitCell } from '../cells/NoisyDigitCell';
import { PromptToImageCell } from '../cells/PromptToImageCell';
import { ColorizationCell } from '../cells/ColorizationCell';
import { InpaintingCell } from '../cells/InpaintingCell';
import { SuperResolutionCell } from '../cells/SuperResolutionCell';
import { Train2DCell } from '../cells/Train2DCell';
import { Sample2DCell } from '../cells/Sample2DCell';
import { MemorizationCell } from '../cells/MemorizationCell';
import { RealOrGeneratedQuiz } from '../cells/RealOrGeneratedQuiz';
import { SpeedQualityCell } from '../cells/SpeedQualityCell';
import { NearestTrainingImageCell } from '../cells/NearestTrainingImageCell';

export const mdxComponents = {
  H2,
  H3,
  Note,
  Warning,
  pre: (props: ComponentProps<'pre'>) => <CodeBlock {...props} />,
  BrownianCell,
  ScheduleExplorerCell,
  ForwardDiffusionCell,
  DiffusingCloudCell,
  NoisyDigitCell,
  PromptToImageCell,
  ColorizationCell,
  InpaintingCell,
  SuperResolutionCell,
  Train2DCell,
  Sample2DCell,
  MemorizationCell,
  RealOrGeneratedQuiz,
  SpeedQualityCell,
  NearestTrainingImageCell,
};

/** Server components that render text at build time need the page's language bound in. */
export function mdxComponentsFor(lang: Lang) {
  return {
    ...mdxComponents,
    table: (props: ComponentProps<'table'>) => (
      <div className="table-scroll" role="region" aria-label={getStrings(lang).tableRegion} tabIndex={0}>
        <table {...props} />
      </div>
    ),
    AlgorithmCode: (props: { algorithm: 'training' | 'sampling' }) => <AlgorithmCode lang={lang} {...props} />,
  };
}

export type MdxComponents = typeof mdxComponents;
