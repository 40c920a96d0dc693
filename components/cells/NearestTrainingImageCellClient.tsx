'use client';
/**
 * Is this digit a copy? Generate a few digits and, for each, search ALL 9,000 training digits of
 * the model for the three nearest (pixel L2 in [−1, 1] with the training digit painted in the
 * sample's colour, or L2 between stroke-intensity maps as training/evaluate.py does). The
 * reference line is the memorization criterion of training/evaluate.py: the median distance from
 * a training digit of that class to its nearest other training digit of the class. A control runs
 * the same test on real held-out digits the model never saw.
 */
import { useCallback, useMemo, useState } from 'react';
import { Cell, throwIfAborted, type CellTask } from '../cell/Cell';
import { NumberControl, SelectControl, SliderControl } from '../cell/controls';
import { useLang } from '../LangProvider';
import type { ParamValues } from '@/lib/urlState';
import { nearestSpec, RANDOM_DIGITS, RANDOM_COLOURS, type CellClientProps } from './catalog';
import { COLOUR_NAMES } from '@/lib/imageSampling/prompt';
import { paintDigit } from '@/lib/imageSampling/pixels';
import { HELDOUT_DIGITS, heldoutGrey } from '@/lib/imageSampling/heldoutDigits';
import { drawConditions } from '@/lib/imageExtras/conditions';
import { makeQuery, nearestTraining, referenceLine, type Metric, type Neighbour, type Paint } from '@/lib/imageExtras/nearest';
import { trainingGrey, type TrainingSet } from '@/lib/imageExtras/trainingSet';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { fetchManifestExtras, useLazyImageModel } from '../imageExtras/useLazyImageModel';
import { classMedian, loadTrainingSet } from '../imageExtras/trainingSetLoader';
import { ModelStatus } from '../imageModel/ModelStatus';
import { PixelCanvas } from '../imageModel/PixelCanvas';
import { COLOUR_LABELS, colourLabel } from '../imageModel/labels';
import styles from '../imageExtras/imageExtras.module.css';

type Spec = ReturnType<typeof nearestSpec>;
type Values = ParamValues<Spec>;

const TEXT = {
  en: {
    title: 'Is this digit a copy? Nearest training images',
    digit: 'Digit', colour: 'Colour', count: 'How many digits', metric: 'Distance', steps: 'DDIM steps S', w: 'Guidance w', seed: 'Seed',
    random: 'random (from the seed)',
    pixels: 'pixels (L2 in [−1, 1], RGB)', stroke: 'stroke shape (L2 of intensity maps, colour-blind)',
    caption: (n: number) => `Run generates digits with the pretrained model and searches all ${n.toLocaleString('en-US')} digits it was trained on (the complete training set; the other 1,000 MNIST digits were held out) for the three nearest to each. The model saw every training digit in many colours (a new random colour each epoch), so here each training digit is painted in the sample's colour before comparing. The vertical line in each bar is the reference: half of the training digits of that class have another training digit of the class closer than this. A sample far below the line would be a suspiciously close match; about half of any set of new, genuinely different digits falls below it by chance, which is why the held-out control matters.`,
    sample: (d: number, c: string) => `generated ${d} · ${c}`,
    sampleLabel: (i: number, d: number, c: string) => `Generated digit ${i + 1}, asked for ${d} in ${c}`,
    neighbour: (k: number, idx: number, label: number, dist: number) => `#${k + 1}: training ${label} (MNIST #${idx}), distance ${dist.toFixed(2)}`,
    neighbourCaption: (idx: number, label: number, dist: number) => `${label} · #${idx} · ${dist.toFixed(2)}`,
    meter: (d: number, line: number) => `nearest ${d.toFixed(2)} vs line ${line.toFixed(2)} (ratio ${(d / line).toFixed(2)})`,
    below: 'closer than the reference line', above: 'farther than the reference line',
    meterLabel: (d: number, line: number) => `Nearest training distance ${d.toFixed(2)}, reference line ${line.toFixed(2)}`,
    evalLine: (v: number) => `training/evaluate.py, same criterion on the same digits: ${v.toFixed(2)}`,
    summary: (k: number, n: number) => `${k} of ${n} generated digits lie closer to a training digit than the reference line.`,
    loading: 'Downloading the training digits (about 1.4 MB, once)…',
    control: 'Held-out control',
    controlResult: (k: number, n: number) => `Control: ${k} of ${n} real held-out digits (never trained on, painted the same way) also lie below their class's line. A model that does not copy should look like this control; one that copies would put most samples far below the line.`,
    controlRunning: 'Computing the reference lines of all ten classes (a few seconds, once)…',
    verdict: (v: Verdict) => `classifier: ${v.digit} · ${colourLabel('en', v.colour)}`,
  },
  zh: {
    title: '这个数字是抄来的吗？最近的训练图像',
    digit: '数字', colour: '颜色', count: '生成数量', metric: '距离', steps: 'DDIM 步数 S', w: '引导强度 w', seed: '随机种子',
    random: '随机（由种子决定）',
    pixels: '像素（[−1, 1] 中 RGB 的 L2 距离）', stroke: '笔画形状（强度图的 L2 距离，忽略颜色）',
    caption: (n: number) => `点击“运行”：用预训练模型生成几个数字，并在它训练用过的全部 ${n.toLocaleString('zh-CN')} 个数字（完整的训练集；另外 1,000 个 MNIST 数字被留出）中，为每个生成数字找出最近的三个。模型见过的每个训练数字都有多种颜色（每个 epoch 重新随机上色），所以这里先把训练数字涂成与样本相同的颜色再比较。每个条形中的竖线是参照：该类别中一半的训练数字，都能在同类训练数字里找到比这更近的一个。样本若远低于这条线，才算可疑的近似拷贝；而任何一组全新的、确实不同的数字，本来就约有一半会落在线下，所以“留出对照”很重要。`,
    sample: (d: number, c: string) => `生成的 ${d} · ${c}`,
    sampleLabel: (i: number, d: number, c: string) => `第 ${i + 1} 个生成数字，要求 ${d}，${c}色`,
    neighbour: (k: number, idx: number, label: number, dist: number) => `第 ${k + 1} 近：训练集中的 ${label}（MNIST #${idx}），距离 ${dist.toFixed(2)}`,
    neighbourCaption: (idx: number, label: number, dist: number) => `${label} · #${idx} · ${dist.toFixed(2)}`,
    meter: (d: number, line: number) => `最近距离 ${d.toFixed(2)}，参照线 ${line.toFixed(2)}（比值 ${(d / line).toFixed(2)}）`,
    below: '比参照线更近', above: '比参照线更远',
    meterLabel: (d: number, line: number) => `最近训练图像距离 ${d.toFixed(2)}，参照线 ${line.toFixed(2)}`,
    evalLine: (v: number) => `training/evaluate.py 在同样数字上按同一标准得到：${v.toFixed(2)}`,
    summary: (k: number, n: number) => `${n} 个生成数字中，有 ${k} 个与某个训练数字的距离小于参照线。`,
    loading: '正在下载训练数字（约 1.4 MB，只下载一次）…',
    control: '留出对照',
    controlResult: (k: number, n: number) => `对照：${n} 个真实的留出数字（从未参与训练，按同样方式上色）中，也有 ${k} 个落在各自类别的参照线以下。不抄袭的模型应当和这个对照相近；抄袭的模型则会让大多数样本远低于参照线。`,
    controlRunning: '正在计算全部十个类别的参照线（只算一次，需要几秒钟）…',
    verdict: (v: Verdict) => `分类器：${v.digit} · ${colourLabel('zh', v.colour)}`,
  },
};

interface Row {
  image: Float32Array;
  digit: number;
  colour: number;
  paint: Paint;
  verdict: Verdict | null;
  neighbours: Neighbour[];
  line: number;
  evalLine: number | null;
}

const conditions = (v: Values) => drawConditions(v, 0x7ea7);

export function NearestTrainingImageCellClient({ id, code, defaultGuidance }: CellClientProps & { defaultGuidance: number }) {
  const lang = useLang();
  const text = TEXT[lang];
  const spec = useMemo(() => nearestSpec(defaultGuidance), [defaultGuidance]);
  const { get, state } = useLazyImageModel();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [set, setSet] = useState<TrainingSet | null>(null);
  const [setLoading, setSetLoading] = useState(false);
  const [control, setControl] = useState<{ below: number; n: number; metric: Metric } | 'running' | null>(null);

  const run = useCallback<CellTask<Spec>>(async (v, ctx) => {
    setRows(null);
    setControl(null);
    const metric = v.metric as Metric;
    const { digits, colours } = conditions(v);
    const client = await get();
    setSetLoading(true);
    const [info, ts, extras] = await Promise.all([
      client.load({ onProgress: (p) => ctx.progress(p.phase === 'backend' ? 0 : p.fraction * 0.1) }),
      loadTrainingSet().then((s) => { setSet(s); return s; }).finally(() => setSetLoading(false)),
      fetchManifestExtras(),
    ]);
    ctx.setBackend(info.backend);
    throwIfAborted(ctx.signal);
    const r = await client.sample(
      { sampler: { kind: 'ddim', steps: v.steps, eta: 0 }, guidance: v.w, digits, colours, seed: v.seed, previewEvery: 0, classify: true },
      { signal: ctx.signal, onProgress: (done, total) => ctx.progress(0.1 + 0.7 * (done / total)) },
    );
    const per = 28 * 28 * 3;
    const out: Row[] = [];
    for (let i = 0; i < digits.length; i++) {
      throwIfAborted(ctx.signal);
      const image = r.images.slice(i * per, (i + 1) * per);
      const paint: Paint = { stroke: info.colours[colours[i]].rgb, background: info.background };
      const neighbours = nearestTraining(ts, makeQuery(image, ts.size, metric, paint), 3);
      const line = referenceLine(await classMedian(ts, digits[i], metric), metric, paint);
      const evalThr = extras.memorizationThresholds?.[String(digits[i])];
      out.push({
        image, digit: digits[i], colour: colours[i], paint, verdict: r.verdicts?.[i] ?? null, neighbours, line,
        evalLine: metric === 'stroke' && typeof evalThr === 'number' ? evalThr : null,
      });
      ctx.progress(0.8 + 0.2 * ((i + 1) / digits.length));
    }
    setRows(out);
  }, [get]);

  const runControl = useCallback<CellTask<Spec>>(async (v, ctx) => {
    const metric = v.metric as Metric;
    setControl('running');
    const [ts, extras] = await Promise.all([loadTrainingSet(), fetchManifestExtras()]);
    setSet(ts);
    // Any colour gives the same share: both distances scale with the colour's contrast.
    const paint: Paint = { stroke: extras.colours[0].rgb, background: extras.background };
    let below = 0;
    for (let i = 0; i < HELDOUT_DIGITS.length; i++) {
      throwIfAborted(ctx.signal);
      const h = HELDOUT_DIGITS[i];
      const img = paintDigit(heldoutGrey(h), paint.stroke, paint.background);
      const d = nearestTraining(ts, makeQuery(img, ts.size, metric, paint), 1)[0].distance;
      if (d < referenceLine(await classMedian(ts, h.digit, metric), metric, paint)) below++;
      ctx.progress((i + 1) / HELDOUT_DIGITS.length);
    }
    setControl({ below, n: HELDOUT_DIGITS.length, metric });
  }, []);

  const digitLabels = Object.fromEntries(RANDOM_DIGITS.map((d) => [d, d === 'random' ? text.random : d]));
  const colourLabels = Object.fromEntries(RANDOM_COLOURS.map((c) => [c, c === 'random' ? text.random : COLOUR_LABELS[lang][c as (typeof COLOUR_NAMES)[number]]]));

  return (
    <Cell
      id={id}
      title={text.title}
      spec={spec}
      run={run}
      code={code}
      caption={<p>{text.caption(set?.n ?? 9000)}</p>}
      onReset={() => { setRows(null); setControl(null); }}
      extraActions={(api) => (
        <button type="button" data-action="control" disabled={api.running} onClick={() => api.start(runControl)}>{text.control}</button>
      )}
      controls={({ values, setValue, running }) => (
        <>
          <SelectControl label={text.digit} spec={spec.digit} value={values.digit} labels={digitLabels} disabled={running} onChange={(v) => setValue('digit', v)} />
          <SelectControl label={text.colour} spec={spec.colour} value={values.colour} labels={colourLabels} disabled={running} onChange={(v) => setValue('colour', v)} />
          <NumberControl label={text.count} name="count" spec={spec.count} value={values.count} disabled={running} onChange={(v) => setValue('count', v)} />
          <SelectControl label={text.metric} spec={spec.metric} value={values.metric} labels={{ pixels: text.pixels, stroke: text.stroke }} disabled={running} onChange={(v) => setValue('metric', v)} />
          <SliderControl label={text.steps} spec={spec.steps} value={values.steps} log disabled={running} onChange={(v) => setValue('steps', v)} />
          <SliderControl label={text.w} spec={spec.w} value={values.w} step={0.25} disabled={running} format={(v) => v.toFixed(2)} onChange={(v) => setValue('w', v)} />
          <NumberControl label={text.seed} name="seed" spec={spec.seed} value={values.seed} disabled={running} onChange={(v) => setValue('seed', v)} />
        </>
      )}
    >
      {() => (
        <>
          <ModelStatus state={state} lang={lang} />
          {setLoading && <p className={styles.muted}>{text.loading}</p>}
          {rows && set && (
            <>
              <ol className={styles.nnList} data-testid="nearest-list">
                {rows.map((row, i) => {
                  const d0 = row.neighbours[0]?.distance ?? NaN;
                  const below = d0 < row.line;
                  const scale = Math.max(d0, row.line) * 1.25 || 1;
                  const cName = colourLabel(lang, row.colour);
                  return (
                    <li key={i} className={styles.nnRow} data-testid="nearest-row" data-distance={d0} data-line={row.line}
                      data-below={below ? 'true' : 'false'} data-neighbour-index={row.neighbours[0]?.index ?? ''}>
                      <figure className={styles.nnSample}>
                        <PixelCanvas data={row.image} size={28} displayPx={76} label={text.sampleLabel(i, row.digit, cName)} />
                        <figcaption>{text.sample(row.digit, cName)}{row.verdict && <><br /><span style={{ fontWeight: 400 }}>{text.verdict(row.verdict)}</span></>}</figcaption>
                      </figure>
                      {row.neighbours.map((nb, k) => {
                        const idx = set.packageIndex[nb.index];
                        const label = set.labels[nb.index];
                        return (
                          <figure key={k} data-testid="nearest-neighbour" data-distance={nb.distance}>
                            <PixelCanvas data={paintDigit(trainingGrey(set, nb.index), row.paint.stroke, row.paint.background)} size={28} displayPx={76}
                              label={text.neighbour(k, idx, label, nb.distance)} />
                            <figcaption>{text.neighbourCaption(idx, label, nb.distance)}</figcaption>
                          </figure>
                        );
                      })}
                      <div className={styles.meter}>
                        <div className={styles.meterTrack} role="img" aria-label={text.meterLabel(d0, row.line)}>
                          <span className={styles.meterFill} style={{ width: `${(100 * d0) / scale}%` }} />
                          <span className={styles.meterLine} style={{ left: `${(100 * row.line) / scale}%` }} />
                        </div>
                        <div>{text.meter(d0, row.line)} — <span className={below ? styles.bad : styles.ok}>{below ? text.below : text.above}</span></div>
                        {row.evalLine !== null && <div className={styles.muted}>{text.evalLine(row.evalLine)}</div>}
                      </div>
                    </li>
                  );
                })}
              </ol>
              <p data-testid="nearest-summary" data-below={rows.filter((r) => r.neighbours[0].distance < r.line).length} data-n={rows.length}>
                {text.summary(rows.filter((r) => r.neighbours[0].distance < r.line).length, rows.length)}
              </p>
            </>
          )}
          {control === 'running' && <p className={styles.muted}>{text.controlRunning}</p>}
          {control && control !== 'running' && (
            <p data-testid="nearest-control" data-below={control.below} data-n={control.n}>{text.controlResult(control.below, control.n)}</p>
          )}
        </>
      )}
    </Cell>
  );
}
