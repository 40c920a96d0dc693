/**
 * Architecture specs of the pretrained coloured-MNIST models, exactly as exported by
 * training/export_tfjs.py into public/models/<name>/model.json ("spec") and manifest.json.
 * The PyTorch definitions live in training/models.py; unet.ts and classifier.ts rebuild the same
 * forward passes from these specs with plain tf ops.
 */

/** Spec of the conditional ε-network ε_θ(x_t, t, digit, colour). */
export interface UNetSpec {
  kind: 'conditional-unet-v1';
  imageSize: number; // 28
  inChannels: number; // 3
  outChannels: number; // 3
  /** Channels per resolution level (28×28, 14×14, 7×7). */
  channels: number[];
  /** Residual blocks per level on the way down. */
  downBlocks: number[];
  /** Residual blocks at the lowest resolution. */
  midBlocks: number;
  /** Residual blocks per level on the way up (the first takes the skip concat). */
  upBlocks: number[];
  groups: number;
  groupNormEps: number;
  /** Width of the sinusoidal time features. */
  timeEmbedDim: number;
  /** Width of the combined time + digit + colour embedding. */
  embedDim: number;
  /** Digit classes; index numDigits is the "none" token. */
  numDigits: number;
  /** Colour classes; index numColours is the "none" token. */
  numColours: number;
  /** The network takes t as an integer index 0..T−1 (paper step t = index + 1). */
  timeIndexBase: 0;
}

/** Spec of the evaluation classifier (digit head + colour head + penultimate features). */
export interface ClassifierSpec {
  kind: 'colour-digit-classifier-v1';
  imageSize: number;
  inChannels: number;
  /** Conv widths; each stage is conv3×3+GN+SiLU twice, then 2×2 average pooling (not after the last). */
  channels: number[];
  groups: number;
  groupNormEps: number;
  /** Width of the penultimate features: SiLU(dense(flatten of the last map, NHWC order)). */
  featureDim: number;
  numDigits: number;
  numColours: number;
}

/** One entry of TF.js's weightsManifest (the subset this project writes). */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; scale?: number; min?: number };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

/** The model.json written by the export. */
export interface ModelJson<S> {
  format: 'ddpm-explorable-weights-v1';
  name: string;
  spec: S;
  weightsManifest: WeightGroup[];
}

export interface ColourEntry {
  name: string;
  /** Nominal stroke colour, 0–255. */
  rgb: [number, number, number];
}

/** How training varied each named colour (manifest.json "vocabulary.jitter"). */
export interface ColourJitter {
  /** Hue shift range (fraction of the colour wheel, ±). */
  hue: number;
  /** Range of the HSV value multiplier. */
  valueRange: [number, number];
  /** Background brightness jitter (±, 0–255). */
  backgroundRgb: number;
}

/** Conditioning vocabulary shared by both models (manifest.json "vocabulary"). */
export interface Vocabulary {
  digits: string[];
  colours: ColourEntry[];
  nullDigitIndex: number;
  nullColourIndex: number;
  background: [number, number, number];
  pixelRange: [number, number];
  layout: string;
  jitter?: ColourJitter;
}

/** The descriptive manifest.json of the U-Net (fields the site may read). */
export interface UNetManifest {
  name: string;
  parameters: number;
  weightDtype: 'float16';
  spec: UNetSpec;
  schedule: { T: number; type: 'linear'; beta_1: number; beta_T: number; parameterization: 'epsilon' };
  vocabulary: Vocabulary;
  sampling: {
    guidanceFormula: string;
    /** Default w in ε̃ = (1 + w)·ε(c) − w·ε(∅), tuned by training/evaluate.py (provisional 2 while defaultGuidanceTuned is false). */
    defaultGuidance: number;
    defaultGuidanceTuned: boolean;
    recommendedSampler: string;
  };
  training: Record<string, unknown>;
  data: { credit: string; license: string; source: string };
  evaluation: Record<string, unknown> | null;
  files: Record<string, number>;
  /** SHA-256 (hex) of each file in `files`, written by scripts/model-digests.mjs; the loader checks downloads against it. */
  sha256: Record<string, string> | null;
}

export const UNET_MODEL_NAME = 'colour-mnist-unet';
export const CLASSIFIER_MODEL_NAME = 'colour-mnist-classifier';
