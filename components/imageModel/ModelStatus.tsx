'use client';
import type { Lang } from '@/lib/chapters';
import type { ModelState } from './imageModelClient';
import styles from './imageModel.module.css';

const T = {
  en: {
    idle: 'The pretrained model (about 2 MB) downloads when you press Run, once per visit.',
    backend: 'Choosing a compute backend…',
    unet: (p: number) => `Downloading the diffusion model… ${p}%`,
    classifier: (p: number) => `Downloading the evaluation classifier… ${p}%`,
    ready: (params: string, backend: string) => `Model loaded: ${params} parameters, running on ${backend} in a background worker.`,
    noClassifier: (m: string) => ` The evaluation classifier is not available (${m}), so samples are not graded.`,
    error: (m: string) => `The model could not be loaded: ${m}`,
  },
  zh: {
    idle: '预训练模型（约 2 MB）会在你第一次点击“运行”时下载，每次访问只下载一次。',
    backend: '正在选择计算后端…',
    unet: (p: number) => `正在下载扩散模型… ${p}%`,
    classifier: (p: number) => `正在下载评估分类器… ${p}%`,
    ready: (params: string, backend: string) => `模型已加载：${params} 个参数，在后台 Worker 中用 ${backend} 运行。`,
    noClassifier: (m: string) => ` 评估分类器不可用（${m}），因此不对样本打分。`,
    error: (m: string) => `模型无法加载：${m}`,
  },
};

/** One line saying where the shared image model is: not loaded, downloading, ready (backend), or failed. */
export function ModelStatus({ state, lang }: { state: ModelState; lang: Lang }) {
  const t = T[lang];
  let text: string;
  switch (state.status) {
    case 'idle': text = t.idle; break;
    case 'loading': {
      const p = state.progress;
      const pct = Math.round((p?.fraction ?? 0) * 100);
      text = !p || p.phase === 'backend' ? `${t.backend}${p?.message ? ` (${p.message})` : ''}` : p.phase === 'unet' ? t.unet(pct) : t.classifier(pct);
      break;
    }
    case 'ready':
      text = t.ready(state.info.parameters.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'), state.info.backend)
        + (state.info.classifier ? '' : t.noClassifier(state.info.classifierError ?? '?'));
      break;
    case 'error': text = t.error(state.message); break;
  }
  return (
    // Not a live region: every image cell on a page shows this line, so four would announce each
    // download percent; the cell whose Run loads the model announces its own state (Cell's status).
    <p className={styles.modelStatus} data-testid="model-status" data-state={state.status}
      title={state.status === 'ready' ? state.info.backendReason : undefined}>
      {text}
    </p>
  );
}
