// Copies TF.js's wasm binaries into public/ so the site serves them itself (no CDN).
import fs from 'node:fs';
import path from 'node:path';

const src = path.join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const dest = path.join(process.cwd(), 'public/tfjs-wasm');
fs.mkdirSync(dest, { recursive: true });
let copied = 0;
for (const file of fs.readdirSync(src)) {
  if (!file.endsWith('.wasm')) continue;
  fs.copyFileSync(path.join(src, file), path.join(dest, file));
  copied++;
}
if (copied === 0) {
  console.error('copy-wasm: no .wasm files found in', src);
  process.exit(1);
}
console.log(`copy-wasm: ${copied} file(s) → public/tfjs-wasm/`);
