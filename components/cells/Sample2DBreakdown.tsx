'use client';
/**
 * The sampling cell's step breakdown: one particle's step at the shown frame, the update being
 * applied (typeset, one equation per line so it fits the column), its coefficients and the numbers.
 */
import type { ScheduleTable } from '@/lib/diffusion/schedule';
import type { Messages } from '@/messages';
import { fixed } from '@/messages/format';
import type { SampleResult } from './Sample2DParts';
import styles from './Train2DCell.module.css';

type Text = Messages['cells']['sample2d'];

/** Each row's symbol (TeX, the same in every language); the words beside it come from the messages. */
function rowTex(ddpm: boolean) {
  const prev = ddpm ? 'x_{t-1}' : "x_{t'}";
  return {
    xt: 'x_t',
    eps: '\\hat\\epsilon = \\epsilon_\\theta(x_t, t)',
    x0: '\\hat x_0',
    mean: ddpm ? '\\mu_\\theta = \\tilde\\mu_t(x_t, \\hat x_0)' : "\\sqrt{\\bar\\alpha_{t'}}\\,\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t'}-\\sigma_t^2}\\,\\hat\\epsilon",
    noise: '\\sigma_t z',
    next: ddpm ? `${prev} = \\mu_\\theta + \\sigma_t z` : prev,
  } as const;
}

function formulas(ddpm: boolean): string[] {
  const x0 = '\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\hat\\epsilon}{\\sqrt{\\bar\\alpha_t}}';
  return ddpm
    ? [x0, 'x_{t-1} = \\underbrace{\\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\hat\\epsilon\\Big)}_{\\mu_\\theta} + \\sigma_t z']
    : [x0, "x_{t'} = \\sqrt{\\bar\\alpha_{t'}}\\,\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t'}-\\sigma_t^2}\\,\\hat\\epsilon + \\sigma_t z"];
}

function coefficients(result: SampleResult, table: ScheduleTable, f: SampleResult['frames'][number]): string[] {
  const i = f.t - 1;
  const ab = (t: number) => (t === 0 ? 1 : table.alphaBar[t - 1]).toFixed(4);
  return result.sampler.kind === 'ddpm'
    ? [`\\alpha_{${f.t}} = ${table.alpha[i].toFixed(4)}`, `\\bar\\alpha_{${f.t}} = ${ab(f.t)}`, `\\beta_{${f.t}} = ${table.beta[i].toFixed(4)}`, `\\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`]
    : [`\\bar\\alpha_{${f.t}} = ${ab(f.t)}`, `\\bar\\alpha_{${f.tPrev}} = ${ab(f.tPrev)}`, `\\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`];
}

/** One particle's step at frame k: the formula being applied, its coefficients, and the numbers. */
export function ParticleBreakdown({ result, k, p, table, text, tex }: {
  result: SampleResult; k: number; p: number; table: ScheduleTable; text: Text; tex: (s: string, inline?: boolean) => string;
}) {
  const f = result.frames[Math.min(k, result.frames.length - 1)];
  const pairAt = (a: ArrayLike<number>, i: number) => `(${fixed(a[2 * i], 3)}, ${fixed(a[2 * i + 1], 3)})`;
  const pair = (a: ArrayLike<number>) => pairAt(a, p);
  const next = [f.mean[2 * p] + f.noise[2 * p], f.mean[2 * p + 1] + f.noise[2 * p + 1]];
  const ddpm = result.sampler.kind === 'ddpm';
  const sym = rowTex(ddpm);
  const rows: [keyof typeof sym, ArrayLike<number>][] = [
    ['xt', f.xt], ['eps', f.epsHat], ['x0', f.x0Hat], ['mean', f.mean], ['noise', f.noise],
  ];
  const html = (s: string) => ({ __html: tex(s) });
  const inline = (s: string) => ({ __html: tex(s, true) });
  return (
    <div className={styles.breakdown} data-testid="particle-breakdown">
      <p><b>{text.particle(p)}</b> · t = {f.t} → {f.tPrev}</p>
      {formulas(ddpm).map((s) => <div key={s} className={styles.formula} dangerouslySetInnerHTML={html(s)} />)}
      <ul className={styles.coefs}>
        {coefficients(result, table, f).map((s) => <li key={s} dangerouslySetInnerHTML={inline(s)} />)}
      </ul>
      <table>
        <thead><tr><th>{text.quantity}</th><th>{text.value}</th></tr></thead>
        <tbody>
          {rows.map(([key, a]) => (
            <tr key={key}><td><span dangerouslySetInnerHTML={inline(sym[key])} /> <small>{text.rows[key]}</small></td><td>{pair(a)}</td></tr>
          ))}
          <tr><td><span dangerouslySetInnerHTML={inline(sym.next)} /> <small>{text.rows.next}</small></td><td>{pairAt(next, 0)}</td></tr>
        </tbody>
      </table>
    </div>
  );
}
