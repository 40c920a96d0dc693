import { LanguagePicker } from '@/components/LanguagePicker';

/** `/`: pick a language (preselected from the browser's language; English by default). */
export default function Root() {
  return (
    <main id="main" className="picker">
      <h1>DDPM Explorable <span lang="zh-CN">· DDPM 可交互讲解</span></h1>
      <p>Denoising Diffusion Probabilistic Models, explained with cells you can run.</p>
      <p lang="zh-CN">去噪扩散概率模型：一边读，一边亲手运行。</p>
      <LanguagePicker />
    </main>
  );
}
