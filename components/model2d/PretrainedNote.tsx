'use client';
/** The visible note under a cell that is using a shipped model instead of the reader's own. */
import { useStrings } from '../LangProvider';
import type { Pretrained2D } from './usePretrained2D';
import type { DatasetId } from '@/lib/data2d';
import './model2d.css';

export function PretrainedNote({ pretrained, dataset, trainAnchor }: { pretrained: Pretrained2D; dataset: DatasetId; trainAnchor: string }) {
  const s = useStrings();
  const t = s.classroom;
  if (pretrained.failed) return <p className="model2d-note" data-testid="pretrained-note" data-state="failed">{t.pretrainedFailed}</p>;
  if (!pretrained.model) return <p className="model2d-note" data-testid="pretrained-note" data-state="loading">{t.pretrainedLoading}</p>;
  return (
    <p className="model2d-note" data-testid="pretrained-note" data-state="ready">
      {t.pretrainedNote(s.datasets[dataset], pretrained.model.steps)} <a href={trainAnchor}>{t.trainOwn}</a>
    </p>
  );
}
