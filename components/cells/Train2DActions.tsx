'use client';
/** The training cell's extra pieces: the uploaded points file and the Pause / Export / Clear buttons. */
import { useCallback, useState } from 'react';
import type { Messages } from '@/messages';
import { pointsProblemText } from '@/messages';
import { parsePointsFile } from '@/lib/data2d';
import { train2dKernel } from '../Train2DKernel';
import { downloadCsv } from './Train2DCellParts';

export interface Upload { name: string; points: Float32Array | null; message: string | null }

/** The points file the reader chose, parsed (or the reason it could not be). */
export function useUploadedPoints(ui: Messages): [Upload | null, (file: File | undefined) => Promise<void>] {
  const [upload, setUpload] = useState<Upload | null>(null);
  const onFile = useCallback(async (file: File | undefined) => {
    if (!file) return;
    let textContent: string;
    try { textContent = await file.text(); } catch { setUpload({ name: file.name, points: null, message: ui.pointsProblems.fileUnreadable }); return; }
    const r = parsePointsFile(textContent);
    setUpload(r.ok ? { name: file.name, points: r.points, message: null } : { name: file.name, points: null, message: pointsProblemText(ui, r.problem, r.line) });
  }, [ui]);
  return [upload, onFile];
}

export function Train2DActions({ running, paused, onPause, samples, hasModel, text }: {
  running: boolean; paused: boolean; onPause: () => void; samples: Float32Array | null; hasModel: boolean;
  text: Messages['cells']['train2d'];
}) {
  return (
    <>
      <button type="button" data-action="pause" disabled={!running} onClick={onPause}>
        {paused ? text.resume : text.pause}
      </button>
      <button type="button" data-action="export" disabled={!samples} onClick={() => samples && downloadCsv(samples, 'ddpm-2d-samples.csv')}>{text.exportCsv}</button>
      <button type="button" data-action="clear-saved" disabled={running || !hasModel} onClick={() => { void train2dKernel.clear(); }}>{text.clearSaved}</button>
    </>
  );
}
