'use client';
/**
 * The features chapter's race: GAN, VAE, RealNVP flow and the theory chapter's DDPM trained on the
 * same points for the same wall-clock budget in the page's race worker (lib/race), with live
 * samples, loss and quality per model, then one table of what was measured beside the talk's
 * qualitative table. A model that diverges is reported and can be restarted alone.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, type CellTask } from '../cell/Cell';
import { useStrings } from '../LangProvider';
import { backendWhyText } from '@/messages';
import { dinoPoints, makeDataset, type DatasetId } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import { RACE_MODELS, type RaceModelId } from '@/lib/race/protocol';
import { RACE_SPEC, type CellClientProps } from './catalog';
import { drawnPoints, useDrawing, useUploadedPoints, type Drawing, type Upload } from './Train2DActions';
import { RaceControls, RaceOutput } from './RaceParts';
import { makeBoard, runRaceModels, type RaceValues } from './raceRun';

/** The points to race on: a built-in set, the uploaded file or the drawn strokes (or why there are none). */
function racePoints(v: RaceValues, upload: Upload | null, drawing: Drawing, text: { noUpload: string; noDrawing: string }): { points: Float32Array; label: string } {
  if (v.dataset === 'upload') {
    if (!upload?.points) throw new Error(upload?.message ?? text.noUpload);
    return { points: upload.points, label: `upload: ${upload.name}` };
  }
  if (v.dataset === 'draw') return { points: drawnPoints(drawing, v.seed, v.n, text.noDrawing), label: 'drawing' };
  if (v.dataset === 'dino') return { points: dinoPoints(), label: 'dino' };
  return { points: makeDataset(v.dataset as DatasetId, v.n, makeRng(v.seed)), label: v.dataset };
}

export function RaceCellClient({ id, code }: CellClientProps) {
  const ui = useStrings();
  const text = ui.cells.race;
  const [upload, onFile] = useUploadedPoints(ui);
  const drawing = useDrawing();
  const board = useMemo(() => makeBoard(), []);
  const [train, setTrain] = useState<Float32Array | null>(null);
  const [reason, setReason] = useState<string | null>(null);

  const task = useCallback((models: readonly RaceModelId[]): CellTask<typeof RACE_SPEC> => async (v, ctx) => {
    const data = racePoints(v, upload, drawing, text);
    setTrain(data.points);
    await runRaceModels(v, ctx, models, data, board, (be) => setReason(be.why ? backendWhyText(ui, be.why) : be.reason));
  }, [upload, drawing, text, board, ui]);
  const run = useMemo(() => task(RACE_MODELS), [task]);

  return (
    <Cell id={id} title={text.title} spec={RACE_SPEC} run={run} code={code} caption={text.caption}
      onReset={() => { board.set(makeBoard().get()); setTrain(null); setReason(null); }}
      controls={({ values, setValue, running }) => (
        <RaceControls values={values} setValue={setValue} running={running} upload={upload} onFile={onFile} drawing={drawing} />
      )}>
      {({ running, start }) => (
        <RaceOutput board={board} train={train} running={running} reason={reason} onRestart={(m) => start(task([m]))} />
      )}
    </Cell>
  );
}
