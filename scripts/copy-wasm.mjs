// Copies TF.js's wasm binaries into public/ so the site serves them itself (no CDN), and TF.js's
// prebuilt glue of the threaded build, which the threaded backend's pthread workers load with
// importScripts (lib/backend/index.ts: the bundled copy cannot be turned back into source text
// once minified). The glue is copied as published, byte for byte.
import fs from 'node:fs';
import path from 'node:path';

const pkg = path.join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm');
const dest = path.join(process.cwd(), 'public/tfjs-wasm');
fs.mkdirSync(dest, { recursive: true });
let copied = 0;
for (const file of fs.readdirSync(path.join(pkg, 'dist'))) {
  if (!file.endsWith('.wasm')) continue;
  fs.copyFileSync(path.join(pkg, 'dist', file), path.join(dest, file));
  copied++;
}
if (copied === 0) {
  console.error('copy-wasm: no .wasm files found in', path.join(pkg, 'dist'));
  process.exit(1);
}
const glue = 'tfjs-backend-wasm-threaded-simd.js';
if (!fs.existsSync(path.join(pkg, 'wasm-out', glue))) {
  console.error(`copy-wasm: ${glue} not found in ${path.join(pkg, 'wasm-out')}`);
  process.exit(1);
}
fs.copyFileSync(path.join(pkg, 'wasm-out', glue), path.join(dest, glue));
console.log(`copy-wasm: ${copied} binaries and the threaded glue → public/tfjs-wasm/`);
