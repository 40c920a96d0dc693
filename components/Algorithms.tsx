import katex from 'katex';
import type { Lang } from '@/lib/chapters';
import { readFunctionSource } from '@/lib/content';

/**
 * DDPM's Algorithms 1 and 2 (facts §1.3–1.4), typeset at build time, each beside the real code
 * that runs them on this site: the 2D training step and the DDPM sampler step.
 */
const tex = (s: string) => katex.renderToString(s, { throwOnError: false, strict: false });

const TEXT = {
  en: {
    alg1: 'Algorithm 1 — Training', alg2: 'Algorithm 2 — Sampling',
    repeat: 'repeat', until: 'until converged', gradient: 'Take a gradient-descent step on',
    forLoop: 'for', do: 'do', endFor: 'end for', ret: 'return', ifElse: 'if t > 1, else z = 0',
    code1: 'The code that runs it here (the live 2D training cell):',
    code2: 'The code that runs it here (every sampling cell):',
  },
  zh: {
    alg1: '算法 1 —— 训练', alg2: '算法 2 —— 采样',
    repeat: '重复', until: '直到收敛', gradient: '对下式做一步梯度下降：',
    forLoop: '对', do: '执行', endFor: '结束循环', ret: '返回', ifElse: '若 t > 1；否则 z = 0',
    code1: '本站实际运行它的代码（二维实时训练单元）：',
    code2: '本站实际运行它的代码（所有采样单元）：',
  },
};

export function Algorithms({ lang }: { lang: Lang }) {
  const t = TEXT[lang];
  const training = [
    { file: 'lib/train2d/trainer.ts', name: 'drawBatch' },
    { file: 'lib/train2d/trainer.ts', name: 'Trainer.trainStep' },
  ];
  const sampling = [{ file: 'lib/diffusion/samplers.ts', name: 'makeDdpmSampler' }];
  return (
    <div className="algorithms" data-testid="algorithms">
      <figure className="algorithm-pair">
        <div className="algorithm">
          <figcaption><strong>{t.alg1}</strong></figcaption>
          <ol>
            <li>{t.repeat}</li>
            <li dangerouslySetInnerHTML={{ __html: tex('x_0 \\sim q(x_0)') }} />
            <li dangerouslySetInnerHTML={{ __html: tex('t \\sim \\mathrm{Uniform}(\\{1, \\dots, T\\})') }} />
            <li dangerouslySetInnerHTML={{ __html: tex('\\epsilon \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})') }} />
            <li>
              {t.gradient}{' '}
              <span dangerouslySetInnerHTML={{ __html: tex('\\nabla_\\theta \\big\\| \\epsilon - \\epsilon_\\theta\\big(\\sqrt{\\bar\\alpha_t}\\, x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon,\\; t\\big) \\big\\|^2') }} />
            </li>
            <li>{t.until}</li>
          </ol>
        </div>
        <CodeColumn label={t.code1} refs={training} />
      </figure>
      <figure className="algorithm-pair">
        <div className="algorithm">
          <figcaption><strong>{t.alg2}</strong></figcaption>
          <ol>
            <li dangerouslySetInnerHTML={{ __html: tex('x_T \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})') }} />
            <li dangerouslySetInnerHTML={{ __html: `${t.forLoop} ${tex('t = T, \\dots, 1')} ${t.do}` }} />
            <li dangerouslySetInnerHTML={{ __html: `${tex('z \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})')} ${t.ifElse}` }} />
            <li dangerouslySetInnerHTML={{ __html: tex('x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\epsilon_\\theta(x_t, t)\\Big) + \\sigma_t z') }} />
            <li>{t.endFor}</li>
            <li dangerouslySetInnerHTML={{ __html: `${t.ret} ${tex('x_0')}` }} />
          </ol>
        </div>
        <CodeColumn label={t.code2} refs={sampling} />
      </figure>
    </div>
  );
}

function CodeColumn({ label, refs }: { label: string; refs: { file: string; name: string }[] }) {
  return (
    <div className="algorithm-code">
      <p>{label}</p>
      {refs.map((r) => (
        <details key={r.name} open={refs.length === 1 || r.name.includes('.')}>
          <summary><code>{r.file}</code> — <code>{r.name}</code></summary>
          <pre><code>{readFunctionSource(r.file, r.name)}</code></pre>
        </details>
      ))}
    </div>
  );
}
