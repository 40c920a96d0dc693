'use client';
/**
 * Every cell's client code as a chunk of its own: one route serves all chapters, and statically
 * imported client components would all ship with every chapter. A page fetches only the chunks
 * of the cells it shows (they are still rendered into the static HTML).
 */
import dynamic from 'next/dynamic';

// What most cells share (the Cell itself, its controls, the schedule tables) ships once with the
// page instead of once inside every cell's chunk.
export { Cell } from '../cell/Cell';
export * as sharedControls from '../cell/controls';
export * as sharedSchedule from '@/lib/diffusion/schedule';

export const BrownianCellClient = dynamic(() => import('./BrownianCellClient').then((m) => m.BrownianCellClient));
export const InverseCellClient = dynamic(() => import('../imageModel/InverseCellClient').then((m) => m.InverseCellClient));
export const DiffusingCloudCellClient = dynamic(() => import('./DiffusingCloudCellClient').then((m) => m.DiffusingCloudCellClient));
export const ForwardDiffusionCellClient = dynamic(() => import('./ForwardDiffusionCellClient').then((m) => m.ForwardDiffusionCellClient));
export const MemorizationCellClient = dynamic(() => import('./MemorizationCellClient').then((m) => m.MemorizationCellClient));
export const NearestTrainingImageCellClient = dynamic(() => import('./NearestTrainingImageCellClient').then((m) => m.NearestTrainingImageCellClient));
export const NoisyDigitCellClient = dynamic(() => import('./NoisyDigitCellClient').then((m) => m.NoisyDigitCellClient));
export const PromptToImageCellClient = dynamic(() => import('./PromptToImageCellClient').then((m) => m.PromptToImageCellClient));
export const RealOrGeneratedQuizClient = dynamic(() => import('./RealOrGeneratedQuizClient').then((m) => m.RealOrGeneratedQuizClient));
export const Sample2DCellClient = dynamic(() => import('./Sample2DCellClient').then((m) => m.Sample2DCellClient));
export const ScheduleExplorerCellClient = dynamic(() => import('./ScheduleExplorerCellClient').then((m) => m.ScheduleExplorerCellClient));
export const SpeedQualityCellClient = dynamic(() => import('./SpeedQualityCellClient').then((m) => m.SpeedQualityCellClient));
export const Train2DCellClient = dynamic(() => import('./Train2DCellClient').then((m) => m.Train2DCellClient));
