/** 2D data for the training cells: generators, the dino, uploads, drawn strokes, standardization. */
export * from './generators';
export * from './standardize';
export * from './parse';
export * from './strokes';
export { DATASAURUS_DINO, DATASAURUS_DINO_COUNT } from './datasaurus';
