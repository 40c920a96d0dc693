'use client';
/**
 * Hand a 2D model around: "Download model" writes the model as a file (lib/train2d/modelFile.ts:
 * JSON, version, checksum, float32 weights so the same seed gives the same samples), and
 * "Load model…" reads one back, with a message naming what is wrong with a bad file.
 */
import { useState } from 'react';
import { useStrings } from '../LangProvider';
import { MAX_MODEL_FILE_BYTES, decodeModelFile, encodeModelFile, modelFileText, type ModelFileError } from '@/lib/train2d/modelFile';
import type { SavedModel } from '@/lib/train2d/protocol';
import type { Messages } from '@/messages';
import './model2d.css';

function errorText(m: Messages['classroom']['modelError'], e: ModelFileError): string {
  switch (e.code) {
    case 'too-large': return m.tooLarge(Math.round(e.bytes / 1024));
    case 'not-json': return m.notJson;
    case 'not-model': return m.notModel;
    case 'version': return m.version(e.found);
    case 'checksum': return m.checksum;
    case 'shape': return m.shape(e.detail);
    case 'not-finite': return m.notFinite(e.where);
  }
}

function downloadModelFile(model: SavedModel): void {
  const blob = new Blob([modelFileText(encodeModelFile(model))], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `ddpm-2d-model-${model.dataLabel.replace(/[^\w.-]+/g, '-').slice(0, 40) || 'model'}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ModelFileActions({ id, model, disabled, onLoad }: { id: string; model: SavedModel | null; disabled: boolean; onLoad: (m: SavedModel) => void }) {
  const t = useStrings().classroom;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const read = async (file: File) => {
    if (file.size > MAX_MODEL_FILE_BYTES) { setMessage({ ok: false, text: errorText(t.modelError, { code: 'too-large', bytes: file.size }) }); return; }
    let text: string;
    try { text = await file.text(); } catch { setMessage({ ok: false, text: t.modelError.unreadable }); return; }
    const r = decodeModelFile(text);
    if (!r.ok) { setMessage({ ok: false, text: errorText(t.modelError, r.error) }); return; }
    onLoad(r.model);
    setMessage({ ok: true, text: t.modelLoaded(r.model.dataLabel) });
  };
  return (
    <>
      <button type="button" data-action="download-model" disabled={disabled || !model} onClick={() => model && downloadModelFile(model)}>{t.downloadModel}</button>
      <label className="model-file-load" title={t.loadModelLabel}>
        <span>{t.loadModel}</span>
        <input type="file" accept=".json,application/json" data-testid={`${id}-model-file`} disabled={disabled} aria-label={t.loadModelLabel}
          onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void read(f); }} />
      </label>
      {message && <p className={message.ok ? 'model2d-note' : 'model2d-error'} role={message.ok ? 'status' : 'alert'} data-testid="model-file-message">{message.text}</p>}
    </>
  );
}
