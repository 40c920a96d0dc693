/**
 * The bilingual glossary: one entry per term, in both languages, with where the site first uses
 * it. Pure data (no React): the glossary page (app/[lang]/glossary/) lists it, the `<Term id>`
 * MDX tag (components/glossary/Term.tsx) shows an entry's definition at a term's first use in a
 * chapter, and __tests__/glossary.test.ts checks it against the chapters.
 *
 * It lives here rather than in messages/: these are long bilingual texts that belong together per
 * term (both names, both definitions, one location), and every page reads both languages of an
 * entry, which the one-language message objects are not shaped for.
 *
 * Text conventions: `$…$` is inline TeX (typeset with KaTeX at build time), `…` in backticks is
 * code. Every definition is exactly two sentences in each language.
 */
import type { ChapterSlug, Lang } from './chapters';

export interface GlossaryTerm {
  /** Anchor (`#term-<id>`) and the `id` of `<Term id>` in the chapters: lower-case, hyphens. */
  id: string;
  /** TeX of the term's symbol, where it has one. */
  symbol?: string;
  name: Record<Lang, string>;
  definition: Record<Lang, string>;
  /** The chapter and the section (its heading id) where the site first uses the term. */
  firstUse: { chapter: ChapterSlug; section: string };
}

type Entry = [id: string, firstUse: `${ChapterSlug}#${string}`, en: [name: string, definition: string], zh: [name: string, definition: string], symbol?: string];

const ENTRIES: Entry[] = [
  // Background
  ['generative-model', 'background#what-is-a-generative-model',
    ['generative model', 'A model that learns the distribution of its training data well enough to draw new samples from it. Where a classifier only needs the boundary between classes, a generative model must capture the whole shape of the data.'],
    ['生成模型', '学习训练数据的分布、并能从中抽取新样本的模型。分类器只需找到类别之间的边界，生成模型却要掌握数据的完整形状。']],
  ['data-distribution', 'background#what-is-a-generative-model',
    ['data distribution', 'The unknown probability distribution $q(x_0)$ that the training examples are drawn from. A generative model $p_\\theta(x_0)$ is trained to come as close to it as possible.'],
    ['数据分布', '训练样本所来自的、未知的概率分布 $q(x_0)$。生成模型 $p_\\theta(x_0)$ 的训练目标就是尽可能逼近它。'], 'q(x_0)'],
  ['ddpm', 'background#what-is-a-generative-model',
    ['denoising diffusion probabilistic model (DDPM)', 'The diffusion model of Ho, Jain and Abbeel (2020) that this site explains: a fixed forward process adds Gaussian noise in $T = 1000$ small steps, and a network learns to undo them. It trains the network to predict the added noise with the simple loss $L_{\\text{simple}}$ and samples with Algorithm 2.'],
    ['去噪扩散概率模型（DDPM）', '本站讲解的扩散模型，发表于 2020 年：固定的前向过程分 $T = 1000$ 个小步加入高斯噪声，再由网络学习把这些步骤逐一撤销。它用简化损失 $L_{\\text{simple}}$ 训练网络预测所加的噪声，并用算法 2 采样。']],
  ['diffusion-model', 'background#real-or-generated',
    ['diffusion model', 'A generative model that turns data into noise by many small random steps and learns to run those steps backwards. Generation starts from pure noise and removes a little of it at every step.'],
    ['扩散模型', '一类生成模型：先用许多随机的小步把数据变成噪声，再学习把这些步骤倒着走回去。生成时从纯噪声出发，每一步去掉一点噪声。']],
  ['u-net', 'background#real-or-generated',
    ['U-Net', 'A convolutional network that first shrinks an image to coarse features and then grows it back to full size, with skip connections between matching levels. Its output has the shape of its input, which is why DDPM uses it to predict the noise in every pixel.'],
    ['U-Net（U 形网络）', '一种卷积网络：先把图像逐级压缩成粗糙的特征，再逐级放大回原尺寸，并在对应的层级之间加上跳跃连接。它的输出与输入形状相同，所以 DDPM 用它来预测每个像素上的噪声。']],
  ['vae', 'background#vae',
    ['variational autoencoder (VAE)', 'A generative model made of an encoder that maps data to a short latent code and a decoder that maps codes back to data. It is trained by maximising a variational lower bound on the likelihood.'],
    ['变分自编码器（VAE）', '由编码器和解码器组成的生成模型：编码器把数据映射成一段短小的隐编码，解码器再把编码还原成数据。它通过最大化似然的变分下界来训练。']],
  ['likelihood', 'background#vae',
    ['likelihood', 'The probability, or probability density, $p_\\theta(x_0)$ that a model assigns to a given data point. Maximising it on the training data is the classical way to fit a probabilistic model.'],
    ['似然', '模型赋予某个数据点的概率（或概率密度）$p_\\theta(x_0)$。在训练数据上最大化似然，是拟合概率模型的经典方法。']],
  ['variational-bound', 'background#vae',
    ['variational bound', 'A quantity that can be computed and that bounds the log-likelihood, which cannot: DDPM minimises $L \\ge -\\log p_\\theta(x_0)$. It comes from Jensen\'s inequality and, for a diffusion model, splits into one term per time step: KL divergences between Gaussians, and a reconstruction term at $t = 1$.'],
    ['变分下界', '一个可以计算、并且给无法计算的对数似然定界的量：DDPM 最小化的是 $L \\ge -\\log p_\\theta(x_0)$。它来自 Jensen 不等式，对扩散模型而言可以拆成每个时间步一项：若干高斯分布之间的 KL 散度，以及 $t = 1$ 处的一项重建误差。']],
  ['gan', 'background#gan',
    ['generative adversarial network (GAN)', 'A generator network that turns noise into samples, trained in a contest against a discriminator that tries to tell its samples from real data. It samples in a single pass but can be unstable to train and may miss parts of the data.'],
    ['生成对抗网络（GAN）', '一个把噪声变成样本的生成器网络，与一个努力区分生成样本和真实数据的判别器对抗训练。它一次前向计算就能采样，但训练可能不稳定，还可能漏掉数据的一部分。']],
  ['mode-collapse', 'background#gan',
    ['mode collapse', 'The failure in which a generator produces only a few kinds of output and ignores the rest of the data. It is the opposite of good mode coverage and a known weakness of GANs.'],
    ['模式崩塌', '生成器只产出少数几种样子、忽略数据其余部分的失败现象。它与良好的模式覆盖正相反，是 GAN 的一个已知弱点。']],
  ['normalizing-flow', 'background#flows',
    ['normalizing flow', 'A generative model built from invertible layers, so that every sample can be mapped back to the noise it came from. Because each step can be undone exactly, the likelihood of any data point can be computed exactly.'],
    ['标准化流', '由可逆的层搭建的生成模型，每个样本都能映射回产生它的噪声。由于每一步都能精确撤销，任意数据点的似然都可以精确计算。']],
  ['noise-schedule', 'background#ddpm-2020',
    ['noise schedule', 'The list $\\beta_1, \\dots, \\beta_T$ of noise variances, fixed before training, that says how much noise each forward step adds. It decides how fast the signal $\\bar\\alpha_t$ decays and must end with $\\bar\\alpha_T$ close to zero.'],
    ['噪声调度', '训练前就定好的一列噪声方差 $\\beta_1, \\dots, \\beta_T$，规定前向过程每一步加多少噪声。它决定信号 $\\bar\\alpha_t$ 衰减得多快，并且必须让最后的 $\\bar\\alpha_T$ 接近零。'], '\\beta_t'],
  ['epsilon-prediction', 'background#ddpm-2020',
    ['noise prediction (ε-prediction)', 'DDPM\'s choice of what the network outputs: the noise $\\epsilon$ that was added to make $x_t$, written $\\epsilon_\\theta(x_t, t)$. The mean of each reverse step is then computed from that prediction (DDPM, Eq. 11).'],
    ['噪声预测（ε 预测）', 'DDPM 对网络输出的选择：生成 $x_t$ 时加入的噪声 $\\epsilon$，记作 $\\epsilon_\\theta(x_t, t)$。逆向每一步的均值再由这个预测算出（DDPM，式 11）。'], '\\epsilon_\\theta(x_t, t)'],
  ['score-based-model', 'background#ddpm-2020',
    ['score-based model', 'A generative model that learns the score, the gradient of the log-density of noisy data, at many noise levels and samples by following it with Langevin dynamics. NCSN is one, and DDPM\'s noise predictor turns out to be a score estimate up to a known factor.'],
    ['基于分数的模型', '在多个噪声水平上学习分数（带噪数据对数密度的梯度），并用朗之万动力学沿着它采样的生成模型。NCSN 就是其中之一，而 DDPM 的噪声预测器除一个已知系数外恰好也是分数的估计。']],
  ['fid', 'background#ddpm-2020',
    ['Fréchet Inception Distance (FID)', 'A sample-quality score that compares the mean and covariance of generated and real images in the feature space of an Inception classifier network. Lower is better, and it penalises both poor-looking samples and missing variety.'],
    ['FID（弗雷歇 Inception 距离）', '一种样本质量指标：在 Inception 分类网络的特征空间里，比较生成图像与真实图像特征的均值和协方差。数值越低越好，样本难看或缺少多样性都会被扣分。']],
  ['time-step', 'background#text-to-image',
    ['time step', 'The index $t$ from 1 to $T$ that says how far along the forward process a noisy point $x_t$ is, and so how much noise it contains. The network receives $t$ as an input, so that one network serves every noise level.'],
    ['时间步', '从 1 到 $T$ 的序号 $t$，表示带噪点 $x_t$ 在前向过程中走到了哪一步，也就是含有多少噪声。网络把 $t$ 当作输入，所以一个网络就能应对所有噪声水平。'], 't'],
  ['conditioning', 'background#text-to-image',
    ['conditioning', 'Giving the network extra information $c$ about what to generate, such as a text embedding or, on this site, a digit and a colour. A conditional model $\\epsilon_\\theta(x_t, t, c)$ learns the distribution of the data given the condition, one network for every condition.'],
    ['条件输入', '给网络额外提供“要生成什么”的信息 $c$，例如文本嵌入，在本站则是一个数字和一种颜色。条件模型 $\\epsilon_\\theta(x_t, t, c)$ 学习的是给定条件时的数据分布，所有条件共用一个网络。'], 'c'],
  ['guidance', 'background#text-to-image',
    ['guidance', 'Any technique that pushes samples to follow the condition more strongly than the plain conditional model would. It usually buys faithfulness to the prompt at some cost in variety.'],
    ['引导', '让样本比普通条件模型更紧密地贴合条件的各种技巧。它通常以牺牲一些多样性为代价，换取与提示更一致的结果。']],
  ['classifier-free-guidance', 'background#text-to-image',
    ['classifier-free guidance', 'Guidance without a separate classifier: one network learns both the conditional and the unconditional prediction, and sampling extrapolates to $(1+w)\\,\\epsilon_\\theta(x_t, c) - w\\,\\epsilon_\\theta(x_t, \\varnothing)$. The guidance strength $w$ trades variety for faithfulness to the condition.'],
    ['无分类器引导', '不需要额外分类器的引导：同一个网络同时学会有条件和无条件的预测，采样时外推为 $(1+w)\\,\\epsilon_\\theta(x_t, c) - w\\,\\epsilon_\\theta(x_t, \\varnothing)$。引导强度 $w$ 在多样性与贴合条件之间取舍。'], 'w'],
  ['latent-diffusion', 'background#text-to-image',
    ['latent diffusion', 'Running the diffusion process on a compressed code of the image, produced by a separately trained autoencoder, instead of on its pixels. It makes large text-to-image models much cheaper to train and to sample.'],
    ['潜空间扩散', '不在像素上、而在一个另行训练的自编码器给出的压缩编码上运行扩散过程。这让大型文本生成图像模型的训练和采样都便宜得多。']],
  ['cell', 'background#how-to-read',
    ['cell', 'One live figure on this site: controls, a Run button, a status line and an output that your browser computes. Its settings are kept in the address bar, so a copied link reopens the cell exactly as you left it.'],
    ['单元格', '本站的一个交互图：包括控件、运行按钮、状态行，以及由你的浏览器计算出来的输出。它的设置保存在地址栏里，复制的链接能让单元格原样重现。']],
  ['compute-backend', 'background#how-to-read',
    ['compute backend', 'The part of the browser that does a cell\'s arithmetic: WebGPU or WebGL on the graphics card, or WebAssembly or plain JavaScript on the processor. The site measures which one is fastest on your machine and names it in the cell\'s status line.'],
    ['计算后端', '在浏览器中替单元格做计算的部分：显卡上的 WebGPU 或 WebGL，或者处理器上的 WebAssembly 或普通 JavaScript。本站会测出你的机器上哪一种最快，并在单元格的状态行中注明。']],
  // Intuition
  ['brownian-motion', 'intuition#brownian-motion',
    ['Brownian motion', 'The random jitter of a small particle knocked about by molecules, where every short move is a small Gaussian step in no preferred direction. After $k$ independent steps of size $\\sigma$ in two dimensions, the mean squared displacement is $2k\\sigma^2$.'],
    ['布朗运动', '微小颗粒被分子撞来撞去而产生的无规则抖动，每一次短时间的移动都是一个没有偏好方向的小高斯步。在二维中走 $k$ 步步长为 $\\sigma$ 的独立随机步之后，均方位移是 $2k\\sigma^2$。']],
  ['gaussian', 'intuition#brownian-motion',
    ['Gaussian (normal) distribution', 'The bell-shaped distribution $\\mathcal{N}(\\mu, \\sigma^2)$, fixed by its mean and its variance. Sums of independent Gaussians are again Gaussian, which is what lets the forward process jump to any $t$ in one step.'],
    ['高斯分布（正态分布）', '钟形的分布 $\\mathcal{N}(\\mu, \\sigma^2)$，由均值和方差完全确定。相互独立的高斯变量之和仍是高斯变量，正因如此，前向过程才能一步跳到任意时刻 $t$。'], '\\mathcal{N}(\\mu, \\sigma^2)'],
  ['seed', 'intuition#brownian-motion',
    ['random seed', 'The number that starts a cell\'s random number generator, so that the same seed always gives the same noise and the same result. Changing it shows which features of a result are luck and which are systematic.'],
    ['随机种子', '为单元格的随机数生成器设定起点的数，同一个种子总是产生同样的噪声和同样的结果。换一个种子，就能看出结果里哪些是偶然、哪些是规律。']],
  ['standard-normal', 'intuition#data-cloud',
    ['standard normal distribution', 'The Gaussian $\\mathcal{N}(0, \\mathbf{I})$ with mean zero and unit variance in every coordinate, independently. Every data set ends there at the end of the forward process, which is why sampling starts by drawing $x_T$ from it.'],
    ['标准正态分布', '均值为零、每个坐标方差为一且相互独立的高斯分布 $\\mathcal{N}(0, \\mathbf{I})$。任何数据集在前向过程的终点都会变成它，所以采样从它抽取 $x_T$ 开始。'], '\\mathcal{N}(0, \\mathbf{I})'],
  ['forward-process', 'intuition#data-cloud',
    ['forward process', 'The fixed chain $q(x_t \\mid x_{t-1})$ that turns a data point $x_0$ into noise by shrinking it slightly and adding a little Gaussian noise at each of $T$ steps. It involves no learning, and its closed form gives $x_t$ at any $t$ directly.'],
    ['前向过程', '固定的马尔可夫链 $q(x_t \\mid x_{t-1})$：在 $T$ 步中的每一步把数据点略微收缩、再加一点高斯噪声，最终把 $x_0$ 变成噪声。它不需要任何学习，其闭式解可以直接给出任意时刻的 $x_t$。'], 'q(x_t \\mid x_{t-1})'],
  ['reverse-process', 'intuition#from-picture-to-math',
    ['reverse process', 'The learned chain $p_\\theta(x_{t-1} \\mid x_t)$ that starts from pure noise $x_T$ and removes a little noise at each step until it reaches a sample $x_0$. Each step is a Gaussian whose mean the network computes from its noise prediction.'],
    ['逆向过程', '学习得到的链 $p_\\theta(x_{t-1} \\mid x_t)$：从纯噪声 $x_T$ 出发，每一步去掉一点噪声，直到得到样本 $x_0$。每一步都是一个高斯分布，其均值由网络根据它的噪声预测算出。'], 'p_\\theta(x_{t-1} \\mid x_t)'],
  // Theory
  ['markov-chain', 'theory#forward-process',
    ['Markov chain', 'A sequence of random variables in which each one depends only on the one just before it. Both the forward process and the reverse process of DDPM are Markov chains over $x_0, \\dots, x_T$.'],
    ['马尔可夫链', '一串随机变量，其中每一个只依赖紧挨在它前面的那一个。DDPM 的前向过程和逆向过程都是 $x_0, \\dots, x_T$ 上的马尔可夫链。']],
  ['alpha', 'theory#forward-step',
    ['one-step signal factor', 'The number $\\alpha_t = 1 - \\beta_t$, the square of the factor by which step $t$ of the forward process shrinks the previous point. It is slightly less than one, and the product of all of them up to $t$ is $\\bar\\alpha_t$.'],
    ['单步保留系数', '数 $\\alpha_t = 1 - \\beta_t$，即前向过程第 $t$ 步收缩上一个点所用系数的平方。它略小于 1，到 $t$ 为止所有这些系数的乘积就是 $\\bar\\alpha_t$。'], '\\alpha_t'],
  ['alpha-bar', 'theory#forward-step',
    ['cumulative signal level', 'The running product $\\bar\\alpha_t = \\prod_{s=1}^{t} (1-\\beta_s)$, the squared weight of the clean data $x_0$ inside $x_t$. It falls from almost 1 to almost 0 along the chain, and the code keeps it in a table called `alphaBar`.'],
    ['累积信号水平', '连乘积 $\\bar\\alpha_t = \\prod_{s=1}^{t} (1-\\beta_s)$，即干净数据 $x_0$ 在 $x_t$ 中所占权重的平方。它沿着链从接近 1 降到接近 0，代码把它存在名为 `alphaBar` 的表中。'], '\\bar\\alpha_t'],
  ['closed-form', 'theory#closed-form',
    ['closed form of the forward process', 'The one-step formula $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$ for the noisy point at any time $t$ (DDPM, Eq. 4). Training uses it to make a noisy example without running the chain step by step.'],
    ['前向过程的闭式解', '任意时刻 $t$ 的带噪点的一步公式 $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$（DDPM，式 4）。训练时用它直接造出带噪样本，而不必一步步模拟整条链。'], 'q(x_t \\mid x_0)'],
  ['sliced-wasserstein', 'theory#closed-form',
    ['sliced Wasserstein distance', 'A distance between two point clouds that projects both onto many random directions and compares the sorted projections. The forward cell uses it to measure how far the noised cloud still is from $\\mathcal{N}(0, \\mathbf{I})$.'],
    ['切片 Wasserstein 距离', '两团点云之间的一种距离：把两者投影到许多随机方向上，再比较排好序的投影。前向单元格用它衡量加噪后的点云离 $\\mathcal{N}(0, \\mathbf{I})$ 还有多远。']],
  ['linear-schedule', 'theory#noise-schedule',
    ['linear schedule', 'DDPM\'s noise schedule, in which $\\beta_t$ rises in equal increments from $\\beta_1 = 10^{-4}$ to $\\beta_T = 0.02$ over $T = 1000$ steps. It leaves $\\bar\\alpha_T \\approx 4 \\times 10^{-5}$ but destroys much of the signal early in the chain.'],
    ['线性调度', 'DDPM 采用的噪声调度：在 $T = 1000$ 步内，$\\beta_t$ 从 $\\beta_1 = 10^{-4}$ 等差地增加到 $\\beta_T = 0.02$。它最终留下 $\\bar\\alpha_T \\approx 4 \\times 10^{-5}$，但在链的前段就抹去了大量信号。']],
  ['snr', 'theory#linear-schedule',
    ['signal-to-noise ratio (SNR)', 'The ratio $\\mathrm{SNR}_t = \\bar\\alpha_t / (1-\\bar\\alpha_t)$ of signal variance to noise variance in $x_t$, which falls from very large at $t = 1$ to nearly zero at $t = T$. The smallest possible noise-prediction loss at time $t$ is $\\mathrm{SNR}_t$ times the error of the best guess of $x_0$.'],
    ['信噪比（SNR）', '$x_t$ 中信号方差与噪声方差之比 $\\mathrm{SNR}_t = \\bar\\alpha_t / (1-\\bar\\alpha_t)$，它从 $t = 1$ 时的很大值降到 $t = T$ 时接近零。在时刻 $t$，噪声预测可能达到的最小损失等于 $\\mathrm{SNR}_t$ 乘以对 $x_0$ 最佳猜测的误差。'], '\\mathrm{SNR}_t'],
  ['bits-per-dimension', 'theory#linear-schedule',
    ['bits per dimension', 'A codelength or negative log-likelihood in bits, divided by the number of values in the data point (3072 for a 32×32 colour image). It makes the likelihoods of images of different sizes comparable, and lower is better.'],
    ['每维比特数', '以比特为单位的编码长度（或负对数似然）除以数据点中数值的个数（一张 32×32 的彩色图像有 3072 个）。它让不同尺寸图像的似然可以相互比较，数值越低越好。']],
  ['cosine-schedule', 'theory#cosine-schedule',
    ['cosine schedule', 'A noise schedule that defines $\\bar\\alpha_t$ directly as a squared cosine of $t/T$ and derives the $\\beta_t$ from it (Nichol and Dhariwal, 2021). Its signal decays more gently in the middle of the chain than that of the linear schedule.'],
    ['余弦调度', '一种噪声调度：直接用 $t/T$ 的余弦平方定义 $\\bar\\alpha_t$，再由它推出各个 $\\beta_t$（2021 年提出）。与线性调度相比，它的信号在链的中段衰减得更平缓。']],
  ['scaled-linear', 'theory#scaled-linear',
    ['scaled-linear schedule', 'The linear schedule with both endpoints multiplied by $1000/T$, so that a chain of any length $T$ adds about the same total noise as DDPM\'s 1000 steps. The 2D training cell uses it with $T = 100$, where $\\beta_t$ runs from 0.001 to 0.2.'],
    ['缩放线性调度', '把线性调度的两个端点都乘以 $1000/T$，使任意长度 $T$ 的链加入的总噪声与 DDPM 的 1000 步大致相同。二维训练单元格在 $T = 100$ 时使用它，此时 $\\beta_t$ 从 0.001 增加到 0.2。']],
  ['latent-variable', 'theory#latent-variable',
    ['latent variable', 'A quantity of a model that is never observed and has to be integrated out to get the probability of the data. In DDPM the noisy versions $x_1, \\dots, x_T$ are the latent variables, each of the same size as the data.'],
    ['隐变量', '模型中从不被观测到、必须积分掉才能得到数据概率的量。在 DDPM 中，带噪版本 $x_1, \\dots, x_T$ 就是隐变量，每一个都与数据同样大小。'], 'x_{1:T}'],
  ['bayes-rule', 'theory#posterior',
    ['Bayes\' rule', 'The identity $p(a \\mid b) = p(b \\mid a)\\,p(a)/p(b)$, which turns a conditional probability around. DDPM uses it to reverse one forward step when the clean point $x_0$ is known.'],
    ['贝叶斯公式', '把条件概率“倒过来”的恒等式 $p(a \\mid b) = p(b \\mid a)\\,p(a)/p(b)$。DDPM 在已知干净点 $x_0$ 时用它来反转前向过程的一步。']],
  ['posterior', 'theory#posterior',
    ['forward-process posterior', 'The distribution $q(x_{t-1} \\mid x_t, x_0)$ of the previous noisy point when both the current point and the clean point are known. It is an exact Gaussian with mean $\\tilde\\mu_t$ and variance $\\tilde\\beta_t$, and each reverse step of the model is trained to match it.'],
    ['前向过程后验', '在当前点和干净点都已知时，上一个带噪点的分布 $q(x_{t-1} \\mid x_t, x_0)$。它恰好是一个均值为 $\\tilde\\mu_t$、方差为 $\\tilde\\beta_t$ 的高斯分布，模型逆向的每一步都以逼近它为训练目标。'], 'q(x_{t-1} \\mid x_t, x_0)'],
  ['reverse-variance', 'theory#reverse-variance',
    ['reverse-step variance', 'The variance $\\sigma_t^2$ of each reverse step, which DDPM fixes rather than learns, at either $\\beta_t$ or $\\tilde\\beta_t$. The two choices are optimal for opposite extremes of data and gave similar results in the paper.'],
    ['逆向方差', '逆向每一步的方差 $\\sigma_t^2$；DDPM 不学习它，而是固定为 $\\beta_t$ 或 $\\tilde\\beta_t$。这两种取法分别在数据的两种极端情形下最优，在论文中效果相近。'], '\\sigma_t^2'],
  ['kl-divergence', 'theory#training-objective',
    ['Kullback–Leibler divergence', 'A measure $D_{\\mathrm{KL}}(q \\,\\Vert\\, p)$ of how much a distribution $p$ differs from a reference $q$, zero only when they are equal. Between two Gaussians it has a closed form, which is why each middle term of DDPM\'s bound reduces to a squared distance between means.'],
    ['KL 散度', '衡量分布 $p$ 与参照分布 $q$ 相差多少的量 $D_{\\mathrm{KL}}(q \\,\\Vert\\, p)$，只在两者相同时为零。两个高斯分布之间的 KL 散度有闭式解，所以 DDPM 下界的每个中间项都化为均值之间的平方距离。'], 'D_{\\mathrm{KL}}'],
  ['jensen', 'theory#variational-bound',
    ['Jensen\'s inequality', 'For a concave function such as the logarithm, the function of an average is at least the average of the function. Applied to $\\log p_\\theta(x_0)$, it gives the variational bound that DDPM trains on.'],
    ['Jensen 不等式', '对于对数这样的凹函数，平均值的函数值不小于函数值的平均。把它用在 $\\log p_\\theta(x_0)$ 上，就得到 DDPM 训练所用的变分下界。']],
  ['prior', 'theory#bound-terms',
    ['prior', 'The fixed distribution $p(x_T) = \\mathcal{N}(0, \\mathbf{I})$ that the reverse process starts from. The term $L_T$ of the bound measures how far the end of the forward process is from it.'],
    ['先验', '逆向过程出发时所用的固定分布 $p(x_T) = \\mathcal{N}(0, \\mathbf{I})$。下界中的 $L_T$ 项衡量前向过程的终点离它有多远。'], 'p(x_T)'],
  ['l-simple', 'theory#training-objective',
    ['simple loss', 'DDPM\'s training loss $\\lVert \\epsilon - \\epsilon_\\theta(x_t, t) \\rVert^2$, averaged over a uniform $t$, the data and the noise, with the weights of the true bound dropped (DDPM, Eq. 14). It is no longer an exact likelihood bound, but it gave much better samples.'],
    ['简化损失', 'DDPM 的训练损失 $\\lVert \\epsilon - \\epsilon_\\theta(x_t, t) \\rVert^2$，对均匀分布的 $t$、数据与噪声取平均，并去掉了真实下界中的权重（DDPM，式 14）。它不再是精确的似然下界，却得到了好得多的样本。'], 'L_{\\text{simple}}'],
  ['x0-estimate', 'theory#x0-estimate',
    ['predicted clean image', 'The network\'s current guess $\\hat x_0 = (x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta)/\\sqrt{\\bar\\alpha_t}$ of the clean data, obtained by inverting the closed form (DDPM, Eq. 15). For the best possible network it equals the conditional mean $\\mathbb{E}[x_0 \\mid x_t]$.'],
    ['预测的干净图像', '把闭式解反过来解出的、网络对干净数据的当前猜测 $\\hat x_0 = (x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta)/\\sqrt{\\bar\\alpha_t}$（DDPM，式 15）。对最优的网络而言，它等于条件均值 $\\mathbb{E}[x_0 \\mid x_t]$。'], '\\hat x_0'],
  ['memorization', 'theory#what-it-learns',
    ['memorization', 'A model reproducing its training examples instead of producing new ones. The best possible denoiser for a finite training set memorizes exactly, so generalisation comes from a network that does not fit perfectly.'],
    ['记忆化', '模型复现训练样本、而不是生成新样本的现象。对有限的训练集而言，最优的去噪器恰好完全记住训练数据，因此泛化来自并不完美拟合的网络。']],
  ['score', 'theory#score-view',
    ['score', 'The gradient $\\nabla_{x} \\log q_t(x)$ of the log-density of the noisy data, which points towards where noisy data are denser. DDPM\'s noise predictor estimates it up to a known factor: $\\epsilon_\\theta \\approx -\\sqrt{1-\\bar\\alpha_t}\\,\\nabla \\log q_t$.'],
    ['分数', '带噪数据对数密度的梯度 $\\nabla_{x} \\log q_t(x)$，指向带噪数据更密集的方向。DDPM 的噪声预测器在一个已知系数之内估计的就是它：$\\epsilon_\\theta \\approx -\\sqrt{1-\\bar\\alpha_t}\\,\\nabla \\log q_t$。'], '\\nabla_{x_t} \\log q_t(x_t)'],
  ['tweedie', 'theory#score-view',
    ['Tweedie\'s formula', 'The identity $\\mathbb{E}[x_0 \\mid x_t] = \\big(x_t + (1-\\bar\\alpha_t)\\,\\nabla \\log q_t(x_t)\\big)/\\sqrt{\\bar\\alpha_t}$, which gives the best guess of the clean data from the score of the noisy data. It shows that predicting the noise, the clean image or the score are three forms of one task.'],
    ['Tweedie 公式', '恒等式 $\\mathbb{E}[x_0 \\mid x_t] = \\big(x_t + (1-\\bar\\alpha_t)\\,\\nabla \\log q_t(x_t)\\big)/\\sqrt{\\bar\\alpha_t}$，它由带噪数据的分数给出干净数据的最佳猜测。它表明，预测噪声、预测干净图像和预测分数是同一个任务的三种形式。']],
  ['denoising-score-matching', 'theory#score-view',
    ['denoising score matching', 'Learning the score of noisy data by training a network to undo noise that was added on purpose. Training on $L_{\\text{simple}}$ is denoising score matching over many noise levels at once.'],
    ['去噪分数匹配', '通过训练网络去除人为加入的噪声来学习带噪数据的分数。用 $L_{\\text{simple}}$ 训练，就相当于同时在许多噪声水平上做去噪分数匹配。']],
  ['langevin', 'theory#score-view',
    ['Langevin dynamics', 'A sampler that moves a point a small step along the score and then adds a little Gaussian noise, again and again. Line 4 of DDPM\'s Algorithm 2 has this form, with step sizes fixed by the noise schedule.'],
    ['朗之万动力学', '一种采样方法：让点沿着分数的方向走一小步，再加一点高斯噪声，如此反复。DDPM 算法 2 的第 4 行正是这种形式，只是步长由噪声调度决定。']],
  ['ddim', 'theory#why-ddim',
    ['DDIM (denoising diffusion implicit model)', 'A sampler for a model trained exactly as in DDPM that can skip steps, taking a sub-sequence of $S$ of the $T$ time steps (Song, Meng and Ermon, 2021). With $\\eta = 0$ it is deterministic, and with $\\eta = 1$ on all steps it is DDPM\'s own sampler.'],
    ['DDIM（去噪扩散隐式模型）', '一种用于完全按 DDPM 方式训练的模型的采样方法，可以跳步，只走 $T$ 个时间步中的 $S$ 个（2021 年提出）。取 $\\eta = 0$ 时它是确定性的，取 $\\eta = 1$ 并走完所有步时就是 DDPM 自己的采样器。']],
  ['time-embedding', 'theory#train-in-browser',
    ['sinusoidal time embedding', 'A way to feed the time step $t$ to a network as a vector of sines and cosines of $t$ at many frequencies. It lets one network tell the noise levels apart smoothly, as in the paper\'s U-Net.'],
    ['正弦时间嵌入', '把时间步 $t$ 表示成一组不同频率下 $t$ 的正弦和余弦值，作为向量输入网络。这样一个网络就能平滑地区分各个噪声水平，论文中的 U-Net 也是这样做的。']],
  ['precision-recall', 'theory#train-in-browser',
    ['precision and recall (coverage)', 'Two measures that separate realism from variety: precision is the share of samples that land near real data, recall or coverage the share of real data that the samples reach. A model that misses modes keeps a high precision but loses recall.'],
    ['精确率与召回率（覆盖率）', '把“逼真”和“多样”分开衡量的两个指标：精确率是落在真实数据附近的样本所占的比例，召回率（或覆盖率）是被样本覆盖到的真实数据所占的比例。漏掉模式的模型精确率仍然很高，召回率却会下降。']],
  ['progressive-generation', 'theory#progressive-generation',
    ['progressive generation', 'The coarse-to-fine order in which a diffusion model decides a sample: layout, shape and colour appear in the early reverse steps, fine details last. It can be seen by watching the running estimate $\\hat x_0$ during sampling.'],
    ['渐进式生成', '扩散模型确定一个样本时由粗到细的顺序：布局、形状和颜色在逆向过程的前几步就已出现，细节最后才定下来。在采样时观察不断更新的估计 $\\hat x_0$ 就能看到这一点。']],
  // Features
  ['trilemma', 'features#trilemma',
    ['generative learning trilemma', 'The difficulty of getting sample quality, mode coverage and fast sampling in one generative model, as named by Xiao, Kreis and Vahdat. GANs are fast and sharp, VAEs and flows cover the data, and diffusion models are sharp and cover the data but sample slowly.'],
    ['生成学习三难困境', '难以在同一个生成模型中同时兼顾样本质量、模式覆盖和快速采样的困境（2022 年被正式命名）。GAN 快而清晰，VAE 和流模型覆盖数据好，扩散模型既清晰又覆盖得好，但采样慢。']],
  ['mode-coverage', 'features#trilemma',
    ['mode coverage', 'How completely the samples of a model, taken together, cover all the kinds of thing in the data. It is the diversity corner of the trilemma and is measured by recall.'],
    ['模式覆盖', '模型的全部样本放在一起，覆盖数据中各种类型的完整程度。它是三难困境中“多样性”的那一角，可以用召回率来衡量。']],
  ['inception-score', 'features#ddpm-results',
    ['Inception Score (IS)', 'A sample-quality score that rewards samples an Inception image classifier recognises confidently and that spread over many classes. Higher is better, but unlike FID it never looks at real images.'],
    ['Inception 分数（IS）', '一种样本质量指标，奖励那些能被 Inception 图像分类器自信识别、并且分散在众多类别中的样本。数值越高越好，但与 FID 不同，它从不参照真实图像。']],
  ['eta', 'features#eta',
    ['stochasticity η', 'The number $\\eta$ between 0 and 1 that sets how much fresh noise each DDIM step adds (DDIM, Eq. 16). At $\\eta = 0$ sampling is deterministic, and at $\\eta = 1$ it matches DDPM\'s sampler.'],
    ['随机性参数 η', '介于 0 和 1 之间的数 $\\eta$，决定 DDIM 每一步加入多少新噪声（DDIM，式 16）。$\\eta = 0$ 时采样是确定性的，$\\eta = 1$ 时与 DDPM 的采样器一致。'], '\\eta'],
  ['classifier-guidance', 'features#beating-gans',
    ['classifier guidance', 'Guidance that adds the gradient of a separately trained classifier of noisy images to each sampling step, pushing samples towards a chosen class (Dhariwal and Nichol, 2021). It raised precision at some cost in recall and let diffusion models overtake GANs on large image data sets.'],
    ['分类器引导', '在每一步采样中加入一个另行训练的带噪图像分类器的梯度、把样本推向指定类别的引导方法（2021 年提出）。它以召回率的一些损失换来更高的精确率，使扩散模型在大型图像数据集上超过了 GAN。']],
  // Applications
  ['inverse-problem', 'applications#inverse-problems',
    ['linear inverse problem', 'Recovering an unknown image $x_0$ from a damaged observation $y = \\mathbf{A}\\,x_0$, where the damage $\\mathbf{A}$ is linear. Super-resolution, inpainting and colorization are all of this kind, and one pretrained diffusion model can solve them.'],
    ['线性逆问题', '从受损的观测 $y = \\mathbf{A}\\,x_0$ 中恢复未知图像 $x_0$，其中损坏操作 $\\mathbf{A}$ 是线性的。超分辨率、图像修复和上色都属于这一类，一个预训练的扩散模型就能解决它们。'], 'y = \\mathbf{A}\\,x_0'],
  ['super-resolution', 'applications#inverse-problems',
    ['super-resolution', 'Making a higher-resolution image from a low-resolution one by adding plausible detail. The detail is invented to fit the data the model learned, not recovered from the input.'],
    ['超分辨率', '通过补上合理的细节，从低分辨率图像得到高分辨率图像。这些细节是按模型学到的数据“编”出来的，而不是从输入中恢复的。']],
  ['inpainting', 'applications#inverse-problems',
    ['inpainting', 'Filling in a missing or masked region of an image so that it fits the rest. On this site the visible pixels are kept exactly and the model generates the hole.'],
    ['图像修复', '补全图像中缺失或被遮住的区域，使其与其余部分协调。本站保持可见像素完全不变，由模型生成空洞部分。']],
  ['colorization', 'applications#inverse-problems',
    ['colorization', 'Adding colour to a grey image while keeping the brightness of every pixel. The model has to choose the colour, so different seeds may give different, equally consistent results.'],
    ['上色', '在保持每个像素亮度不变的前提下给灰度图像加上颜色。模型必须自己选择颜色，所以不同的种子可能给出不同但同样相符的结果。']],
  ['null-space', 'applications#inverse-problems',
    ['range and null space', 'The part of an image that the operator $\\mathbf{A}$ can see (its range) and the part it is blind to (its null space). The repair cells keep the observed range part and let the diffusion model fill in the null-space part.'],
    ['值域与零空间', '图像中算子 $\\mathbf{A}$ 能“看到”的部分（值域）和它看不到的部分（零空间）。图像复原单元格保留观测到的值域部分，让扩散模型补全零空间部分。']],
  ['pseudo-inverse', 'applications#inverse-problems',
    ['pseudo-inverse', 'The matrix $\\mathbf{A}^{\\dagger}$ that undoes $\\mathbf{A}$ as far as possible: it maps an observation back to the smallest image consistent with it. The correction $\\hat x_0\' = \\mathbf{A}^{\\dagger} y + (\\mathbf{I} - \\mathbf{A}^{\\dagger}\\mathbf{A})\\,\\hat x_0$ of the repair cells is built from it.'],
    ['伪逆', '尽可能撤销 $\\mathbf{A}$ 的矩阵 $\\mathbf{A}^{\\dagger}$：它把观测映射回与之相符的、范数最小的图像。图像复原单元格的校正 $\\hat x_0\' = \\mathbf{A}^{\\dagger} y + (\\mathbf{I} - \\mathbf{A}^{\\dagger}\\mathbf{A})\\,\\hat x_0$ 就由它构成。'], '\\mathbf{A}^{\\dagger}'],
  ['held-out', 'applications#super-resolution',
    ['held-out data', 'Examples kept out of training and used only to test a model. A result on held-out data shows what the model does with inputs it has never seen.'],
    ['留出数据', '不参与训练、只用来检验模型的样本。在留出数据上的结果显示了模型面对从未见过的输入时的表现。']],
  ['resampling', 'applications#inpainting',
    ['resampling', 'Going back up in diffusion time and walking down again several times during sampling, so that the generated and the known regions can agree. RePaint uses it for inpainting, and the inpainting cell\'s $r$ control does a simpler version.'],
    ['重采样', '在采样过程中沿扩散时间往回跳、再重新往下走，反复几次，使生成区域与已知区域相互协调。RePaint 用它来做图像修复，修复单元格中的 $r$ 控件是它的简化版。'], 'r'],
  // Ethics
  ['liars-dividend', 'ethics#misuse',
    ['liar\'s dividend', 'The side effect of convincing fakes that a genuine photograph can be dismissed as fake. It erodes trust in real evidence even when no fake is involved.'],
    ['说谎者红利', '逼真伪造带来的一个副作用：真实的照片也可能被斥为伪造。即使没有任何伪造品出现，它也在侵蚀人们对真实证据的信任。']],
  ['provenance', 'ethics#provenance-and-watermarks',
    ['provenance metadata', 'A signed record attached to an image that says how it was made and changed, as content-credential standards define it. A valid signature is useful evidence, but the record is easy to strip, so its absence proves nothing.'],
    ['来源元数据', '附在图像上的带签名记录，按内容凭证标准说明图像是如何产生和修改的。有效的签名是有用的证据，但这份记录很容易被去掉，所以没有它也说明不了什么。']],
  ['watermark', 'ethics#provenance-and-watermarks',
    ['watermark', 'A signal hidden in the pixels of generated images, invisible to people but detectable by software. It survives casual copying better than metadata, but cropping, resizing or re-generating can weaken or remove it.'],
    ['水印', '藏在生成图像像素中的信号，人眼看不见，软件却能检测到。它比元数据更经得起随手转存，但裁剪、缩放或重新生成可能削弱甚至去除它。']],
  ['nearest-neighbour', 'ethics#nearest-training-image',
    ['nearest-neighbour check', 'A test for copying that finds, for each generated sample, the most similar training example and its distance. Compared with a reference line and a held-out control, the distances show whether samples sit closer to the training data than new data would.'],
    ['最近邻检查', '检查是否复制的一种方法：为每个生成样本找出最相似的训练样本及其距离。把这些距离与参照线和留出对照比较，就能看出样本是否比新数据更贴近训练数据。']],
];

export const GLOSSARY: readonly GlossaryTerm[] = ENTRIES.map(([id, where, en, zh, symbol]) => {
  const [chapter, section] = where.split('#') as [ChapterSlug, string];
  return {
    id,
    ...(symbol ? { symbol } : {}),
    name: { en: en[0], zh: zh[0] },
    definition: { en: en[1], zh: zh[1] },
    firstUse: { chapter, section },
  };
});

const BY_ID = new Map(GLOSSARY.map((t) => [t.id, t]));

export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return BY_ID.get(id);
}

/** The glossary in the reading order of a language: alphabetical in English, by pinyin in Chinese. */
export function glossaryInOrder(lang: Lang): GlossaryTerm[] {
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN-u-co-pinyin' : 'en', { sensitivity: 'base' });
  return [...GLOSSARY].sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
}

/** `<Term id="…">` uses in a chapter's MDX source, in order (fenced code left out). */
export function termIdsIn(mdxSource: string): string[] {
  return [...mdxSource.replace(/```[\s\S]*?```/g, '').matchAll(/<Term\s+id="([^"]*)"/g)].map((m) => m[1]);
}
