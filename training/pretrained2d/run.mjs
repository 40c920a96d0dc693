/**
 * Runs the TypeScript training script under Node with jiti (TypeScript and the `@/` alias of
 * tsconfig), so the pretrained 2D models are trained by the very modules the page runs.
 * Usage: npm run train:pretrained2d [-- --only dino --steps 4000 --enc f16 --dry]
 */
import { createJiti } from 'jiti';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jiti = createJiti(`${root}/`, { alias: { '@': root } });
const { main } = await jiti.import(path.join(root, 'training/pretrained2d/train.ts'));
await main(process.argv.slice(2));
