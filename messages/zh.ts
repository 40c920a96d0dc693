import type { ScheduleSummary } from '@/lib/diffusion/schedule';
import type { Messages } from './en';
import { compact, fixed, grouped, millis, percent, seconds, significant } from './format';

/** Credit for the MNIST digits (CC BY-SA 3.0 asks for it wherever they are shown). */
const MNIST_CREDIT = 'MNIST（LeCun、Cortes 与 Burges），CC BY-SA 3.0 许可';

/** Chinese UI strings; the type is the English set's, so every key must be here. */
export const zh: Messages = {
  locale: 'zh-CN',
  mnistCredit: MNIST_CREDIT,
  listSeparator: '、',

  siteTitle: 'DDPM 可交互讲解',
  siteTagline: '去噪扩散概率模型：一边读，一边亲手运行。',
  chapters: '章节',
  onThisPage: '本页目录',
  previous: '上一章',
  next: '下一章',
  home: '首页',
  language: '语言',
  otherLanguage: 'English',
  otherLanguageLabel: 'English: 阅读本页的英文版',
  theme: '主题',
  themeLight: '浅色',
  themeDark: '深色',
  themeSystem: '跟随系统',
  copyLink: '复制链接',
  copyLinkTo: '复制本节链接',
  copied: '链接已复制',
  copyFailed: '复制失败——链接已在地址栏中',
  progress: '已读',
  notStarted: '未开始',
  skipToContent: '跳到正文',
  run: '运行',
  stop: '停止',
  rerun: '重新运行',
  reset: '重置',
  showCode: '显示代码',
  hideCode: '隐藏代码',
  status: '状态',
  statusIdle: '空闲',
  statusRunning: '运行中',
  statusDone: '完成',
  statusStopped: '已停止',
  statusError: '出错',
  backend: '计算后端',
  elapsed: '用时',
  seed: '随机种子',
  noticeClamped: (p: string, raw: string, used: string) => `URL 参数“${p}”=“${raw}”超出范围，已改用 ${used}。`,
  noticeInvalid: (p: string, raw: string, used: string) => `URL 参数“${p}”=“${raw}”无效，已改用默认值（${used}）。`,
  cellCrashed: '这个单元出错并已停止，页面其余部分仍可正常使用。',
  tryAgain: '重置此单元',
  copy: '复制',
  pickLanguage: '选择语言',
  minutes: '分钟',
  hideControlsInLink: '链接中隐藏控件（便于课堂投影）',
  showControls: '显示控件',
  backendMainThread: 'JavaScript（主线程）',
  dismiss: '关闭',
  tableRegion: '表格',
  languageName: '中文',
  readInThisLanguage: '用中文阅读',
  /** One entry per cell, keyed by the cell id (its URL namespace). */
  scheduleKinds: { linear: '线性（DDPM）', 'scaled-linear': '缩放线性', quadratic: '二次', cosine: '余弦', sigmoid: 'S 型' },
  datasets: {
    moons: '双月', 'swiss-roll': '瑞士卷', circles: '同心圆', 'eight-gaussians': '八个高斯',
    checkerboard: '棋盘格', 'two-spirals': '双螺旋', dino: '数据恐龙',
  },
  cells: {
    brownian: {
      title: '墨水在水中扩散：布朗运动',
      n: '粒子数', step: '步长 σ', steps: '步数', seed: '随机种子',
      stepOnce: '单步', backwards: '倒放',
      caption: '每个粒子每一步都做一次小的高斯随机移动。“运行”正向播放，“停止”暂停，“单步”前进一步，“倒放”沿记录的轨迹倒退。',
      stats: (k: number, m: number, e: number) => `第 ${k} 步 · 均方位移 ${fixed(m, 4)}（理论值 2kσ² = ${fixed(e, 4)}）`,
      alt: (k: number, n: number) => `${n} 个墨水粒子经过 ${k} 步布朗运动后的散点图，从中心的一滴墨开始扩散。`,
    },
    digit: {
      title: '一个数字，越来越模糊',
      caption: `一张真实的手写数字，像素缩放到 [−1, 1]（黑色为 −1，白色为 1），用 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε 一步加噪。右图是 784 个像素值的直方图，曲线是纯噪声应当服从的 N(0, 1) 密度。数字图像来自 ${MNIST_CREDIT}。`,
      digit: '数字', t: '时间步 t', kind: '噪声方案', seed: '随机种子',
      readout: (t: number, a: number, m: number, v: number) =>
        `t = ${t} · √ᾱ_t = ${fixed(Math.sqrt(a), 4)} · √(1−ᾱ_t) = ${fixed(Math.sqrt(1 - a), 4)} · 像素均值 ${fixed(m, 3)}，方差 ${fixed(v, 3)}`,
      imageAlt: (d: number, t: number, T: number) => `数字 ${d} 经过 ${t}/${T} 步前向加噪后的放大图像（28×28 像素）。`,
      histAlt: (t: number) => `t = ${t} 时 784 个像素值的直方图，与标准正态密度对比。`,
      xLabel: '像素值', yLabel: '密度',
    },
    cloud: {
      title: '数据点云扩散成 N(0, I)',
      caption: '每一步都把所有点乘以 √(1−β_t) 向原点收缩一点，再加上方差为 β_t 的新高斯噪声（线性方案：β 在 T = 1000 步内从 10⁻⁴ 增加到 0.02）。“运行”从当前步开始播放，“停止”暂停，拖动滑块可以来回查看。灰色点云是 N(0, I) 的样本——任何数据集最终都会变成它。',
      data: '数据集', kind: '噪声方案', t: '时间步 t', speed: '速度（每秒步数）', reference: '显示 N(0, I) 参照',
      seed: '随机种子',
      readout: (t: number, a: number, mx: number, my: number, vx: number, vy: number) =>
        `t = ${t} · ᾱ_t = ${fixed(a, 4)} · 均值 (${fixed(mx, 2)}, ${fixed(my, 2)}) · 方差 (${fixed(vx, 2)}, ${fixed(vy, 2)})`,
      alt: (name: string, t: number, T: number) => `动画散点图：${name}数据集的 2000 个点经过 ${t}/${T} 步前向扩散后的分布，背景是 N(0, I) 的灰色样本。`,
    },
    forward: {
      title: '一步到位的前向扩散：q(x_t | x_0)',
      caption: '每一帧都用闭式公式 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε 计算，每个点的 ε 固定抽取一次；数据已按坐标轴标准化为均值 0、方差 1。上方和右侧的条形分别是 x 和 y 的直方图，曲线是 N(0, 1) 的密度。“运行”会在 50 个 t 值上测量点云到 N(0, I) 的距离。',
      data: '数据集', kind: '噪声方案', T: '步数 T', t: '时间步 t', seed: '随机种子',
      readout: (t: number, a: number) => `t = ${t} · √ᾱ_t = ${fixed(Math.sqrt(a), 4)} · √(1−ᾱ_t) = ${fixed(Math.sqrt(1 - a), 4)}`,
      distance: (d: number | null, floor: number) => `到 N(0, I) 的切片 Wasserstein 距离：${d === null ? '……' : fixed(d, 4)}（两组独立的 N(0, I) 样本之间：${fixed(floor, 4)}）`,
      curveY: '到 N(0, I) 的距离', curveX: 't', floor: 'N(0, I) 与 N(0, I)',
      curvePending: '正在测量曲线……',
      cloudAlt: (name: string, t: number) => `散点图：${name}数据集的 2000 个点经过 t = ${t} 步前向扩散后的分布，附 x、y 的直方图与标准正态密度的对比。`,
      curveAlt: (t: number) => `折线图：到 N(0, I) 的切片 Wasserstein 距离随 t 下降，逐渐接近两组 N(0, I) 样本之间的水平；圆点标出 t = ${t}。`,
      error: (m: string) => `无法构建噪声方案：${m}`,
    },
    schedule: {
      title: 'β 噪声方案探索器',
      caption: '拖动任何控件，所有曲线都会根据方案表立即重新计算。方案 A 用实线，方案 B 用虚线。下方的数字行使用闭式公式 x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε，两个方案用的是同一个 ε。',
      credit: `数字图像：${MNIST_CREDIT}。`,
      slot: (s: string) => `方案 ${s}`,
      kind: '类型', T: '步数 T', b1: 'β₁', bT: 'β_T',
      kinds: {
        linear: '线性（DDPM）', 'scaled-linear': '缩放线性（×1000/T）', quadratic: '二次', cosine: '余弦（s = 0.008）',
        sigmoid: 'S 型', 'custom-beta': '自定义 β(u)', 'custom-alphaBar': '自定义 ᾱ(u)',
      },
      formulaBeta: 'β(u) =', formulaAlphaBar: 'ᾱ(u) =', apply: '应用',
      formulaHelp: 'u = t/T。还可以使用：',
      compare: '与方案 B 对比', logBeta: 'β 用对数坐标', digit: '数字', seed: '随机种子（噪声 ε）',
      loading: '正在加载公式解析器……',
      loadFailed: (m: string) => `无法加载公式解析器：${m}`,
      notUpdated: (s: string, m: string) => `方案 ${s} 未更新：${m} 图中仍显示上一个有效方案。`,
      summary: (s: string, sum: ScheduleSummary, T: number) =>
        `ᾱ_T = ${significant(sum.alphaBarT)} · √ᾱ_T = ${significant(sum.sqrtAlphaBarT)} · SNR_T = ${significant(sum.snrT)} · ` +
        `${sum.firstTBelowHalf === null ? 'ᾱ_t 始终不低于 ½' : `从 t = ${sum.firstTBelowHalf} 起 ᾱ_t < ½`} · ` +
        `${T} 步中有 ${(100 * sum.shareSnrBelow01).toFixed(1)}% 的信噪比低于 0.1`,
      warning: (s: string, sum: ScheduleSummary) =>
        `方案 ${s}：ᾱ_T = ${significant(sum.alphaBarT)}，高于 10⁻³。x_T 仍保留数据幅度的 ${(100 * sum.sqrtAlphaBarT).toFixed(1)}%（即 √ᾱ_T），离 N(0, I) 还很远。采样却从 N(0, I) 出发——这是模型在 t = T 时从未见过的分布——生成的样本因此有偏差。一些流行的二维演示里样本被“压扁”，原因正在于此。`,
      betaAxis: 'β_t', alphaAxis: 'ᾱ_t（粗线）、√ᾱ_t（细线）', snrAxis: '信噪比 SNR_t = ᾱ_t / (1 − ᾱ_t)', tAxis: 't',
      warnLevel: 'ᾱ = 10⁻³',
      plotAlt: (what: string, a: string, b: string | null) => `折线图：方案 A（${a}）${b ? `与方案 B（${b}）` : ''}的 ${what} 随 t 的变化。`,
      digitsAlt: (s: string, d: number) => `数字 ${d} 在方案 ${s} 下、各个 t 处加噪后的样子。`,
    },
  }, // end cells
};
