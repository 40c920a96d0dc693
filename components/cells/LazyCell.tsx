'use client';
/**
 * Every cell's client code as a chunk of its own: one route serves all chapters, and statically
 * imported client components would all ship with every chapter. A page fetches only the chunks
 * of the cells it shows (they are still rendered into the static HTML). The chunks come from the
 * catalog's `load` functions, so a new cell needs no line here.
 */
import dynamic from 'next/dynamic';
import { createElement, type ComponentType } from 'react';
import { CELLS } from './catalog';

// What most cells share (the Cell itself, its controls, the schedule tables) ships once with the
// page instead of once inside every cell's chunk.
/** @public a shared-chunk anchor, imported by nothing on purpose. */
export { Cell } from '../cell/Cell';
export * as sharedControls from '../cell/controls';
export * as sharedSchedule from '@/lib/diffusion/schedule';

type AnyClient = ComponentType<Record<string, unknown>>;

const CLIENTS: ReadonlyMap<string, AnyClient> = new Map(
  CELLS.map((c) => [c.id, dynamic(c.load as () => Promise<AnyClient>)]),
);

/** The catalog cell `cell`, with the props the registry read at build time (`code`, …). */
export function LazyCell({ cell, ...props }: { cell: string } & Record<string, unknown>) {
  const Client = CLIENTS.get(cell);
  if (!Client) throw new Error(`No cell "${cell}" in components/cells/catalog.ts.`);
  // Not a component made during render: CLIENTS is built once at module load, so the same id
  // always gives the same component and React never remounts it.
  return createElement(Client, props);
}
