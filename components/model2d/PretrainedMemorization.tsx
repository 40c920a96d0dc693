'use client';
/**
 * The memorization cell before its first Run: when its parameters are the ones a shipped model
 * was trained with (20 points of the chosen set, seed 2), it samples that model as soon as the
 * cell comes near the screen, so the collapse onto the training points is there on open.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useStrings } from '../LangProvider';
import { destandardize, isDatasetId } from '@/lib/data2d';
import { pretrainedRecipe, type PretrainedRecipe } from '@/lib/train2d/pretrained';
import { FINAL_SAMPLER } from '@/lib/train2d/defaults';
import type { BackendPreference } from '@/lib/backend/decide';
import type { Train2DClient } from '@/lib/train2d/client';
import { loadPretrained2D } from './usePretrained2D';
import './model2d.css';

export interface PretrainedShown { train: Float32Array; samples: Float32Array; steps: number }

interface Props {
  values: { dataset: string; points: number; seed: number; backend: string };
  /** The cell is idle and shows no result of its own. */
  active: boolean;
  client: () => Train2DClient;
  onShow: (r: PretrainedShown | null) => void;
}

const SAMPLES = 1000;

export function PretrainedMemorization({ values, active, client, onShow }: Props) {
  const s = useStrings();
  const ref = useRef<HTMLParagraphElement>(null);
  const [near, setNear] = useState(false);
  const [shown, setShown] = useState<{ key: string; steps: number } | null>(null);
  const r = pretrainedRecipe('memorize', values.dataset);
  const fits = !!r && r.n === values.points && r.seed === values.seed;
  const key = `${values.dataset}:${values.points}:${values.seed}`;

  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const io = new IntersectionObserver((e) => { if (e.some((x) => x.isIntersecting)) setNear(true); }, { rootMargin: '300px' });
    io.observe(el);
    return () => io.disconnect();
  }, [near]);

  // Reads the latest props when it runs; the effect below decides when (what the result depends on).
  const showPretrained = useEffectEvent((recipe: PretrainedRecipe, isLive: () => boolean) => {
    (async () => {
      const model = await loadPretrained2D(recipe);
      const c = client();
      const be = await c.init(values.backend as BackendPreference);
      const out = await c.sample({ model, sampler: FINAL_SAMPLER, n: SAMPLES, seed: values.seed, maxFrames: 0 }, be);
      if (!isLive()) return;
      onShow({ train: model.points, samples: destandardize(out.x0, model.stats), steps: model.steps });
      setShown({ key, steps: model.steps });
    })().catch(() => { /* no picture: the cell still trains on Run */ });
  });
  const hidePretrained = useEffectEvent(() => onShow(null));

  useEffect(() => {
    if (!active) return;
    // Parameters no shipped model was trained with: take the pretrained picture away (own results are never active).
    if (!fits || !r) { hidePretrained(); return; }
    if (!near) return;
    let live = true;
    showPretrained(r, () => live);
    return () => { live = false; };
  }, [active, fits, near, r, key, values.backend]);

  const name = isDatasetId(values.dataset) ? s.datasets[values.dataset] : values.dataset;
  return (
    <p ref={ref} className="model2d-note" data-testid="pretrained-note" data-state={active && shown?.key === key ? 'ready' : 'off'}>
      {active && shown?.key === key ? s.classroom.memorizePretrained(name, values.points, shown.steps) : null}
    </p>
  );
}
