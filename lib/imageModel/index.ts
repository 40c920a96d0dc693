/** Public API of the pretrained coloured-MNIST models (see training/README.md). */
export type { UNetSpec, ClassifierSpec, UNetManifest, Vocabulary, ColourEntry, ModelJson, WeightEntry } from './spec';
export { UNET_MODEL_NAME, CLASSIFIER_MODEL_NAME } from './spec';
export type { EpsilonModel } from './unet';
export { createEpsilonModel, unetWeightShapes, timestepEmbedding } from './unet';
export type { DigitClassifier, ClassifierOutput } from './classifier';
export { createClassifier, classifierWeightShapes, disposeOutput } from './classifier';
export type { FetchLike, FetchResponse, LoadOptions, LoadProgress } from './load';
export {
  loadEpsilonModel,
  loadClassifier,
  loadUNetManifest,
  loadWeights,
  validateModelJson,
  DEFAULT_UNET_URL,
  DEFAULT_CLASSIFIER_URL,
} from './load';
