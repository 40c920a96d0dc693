'use client';
import { useStrings } from '../LangProvider';
import { backendWhyText, threadsText } from '@/messages';
import type { ModelState } from '@/lib/imageSampling/client';
import styles from './imageModel.module.css';

/** One line saying where the shared image model is: not loaded, downloading, ready (backend), or failed. */
export function ModelStatus({ state }: { state: ModelState }) {
  const ui = useStrings();
  const t = ui.cells.modelStatus;
  let text: string;
  switch (state.status) {
    case 'idle': text = t.idle; break;
    case 'loading': {
      const p = state.progress;
      const pct = Math.round((p?.fraction ?? 0) * 100);
      // The worker's probe notes (p.message) are developer diagnostics in English; the page says the phase.
      text = !p || p.phase === 'backend' ? t.backend : p.phase === 'unet' ? t.unet(pct) : t.classifier(pct);
      break;
    }
    case 'ready':
      text = t.ready(state.info.parameters, state.info.backend)
        + (state.info.wasmThreads ? threadsText(ui, state.info.wasmThreads) : '')
        + (state.info.classifier ? '' : t.noClassifier(state.info.classifierError ?? '?'));
      break;
    case 'error': text = state.damaged ? t.damaged : t.error(state.message); break;
  }
  return (
    // Not a live region: every image cell on a page shows this line, so four would announce each
    // download percent; the cell whose Run loads the model announces its own state (Cell's status).
    <p className={styles.modelStatus} data-testid="model-status" data-state={state.status}
      data-wasm-threads={state.status === 'ready' ? state.info.wasmThreads?.threads : undefined}
      data-threads-why={state.status === 'ready' ? state.info.wasmThreads?.why.kind : undefined}
      title={state.status === 'ready' ? (state.info.backendWhy ? backendWhyText(ui, state.info.backendWhy) : state.info.backendReason) : undefined}>
      {text}
    </p>
  );
}
