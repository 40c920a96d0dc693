/**
 * Runs the recipe comparison (./sweep.ts) under Node with jiti, like training/pretrained2d/run.mjs:
 * the modules the page runs, TypeScript and the `@/` alias included.
 * Usage: node training/recipes2d/run.mjs quality|speed …  (see sweep.ts)
 */
import { createJiti } from 'jiti';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jiti = createJiti(`${root}/`, { alias: { '@': root } });
const { main } = await jiti.import(path.join(root, 'training/recipes2d/sweep.ts'));
await main(process.argv.slice(2));
