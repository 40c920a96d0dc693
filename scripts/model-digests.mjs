// Records the SHA-256 digest of every file an image model's manifest lists (its "files": model.json
// and the weight shards) in that manifest's "sha256" field, for each public/models/<name>/manifest.json.
// The worker checks each download against it (lib/imageModel/download.ts checkDigest), and
// __tests__/imageModel/modelDigests.test.ts fails when a shipped file and its digest disagree.
// Run after training/export_tfjs.py writes new files: `node scripts/model-digests.mjs`.
// The field is written as text right after "files", so the rest of the manifest keeps
// training/export_tfjs.py's formatting. (The 2D models have no manifest: each file carries its own
// checksum, lib/train2d/modelFile.ts.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sha256File = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The digests of the files `manifest.files` names, in that order. */
export function digestsFor(dir, manifest) {
  return Object.fromEntries(Object.keys(manifest.files ?? {}).map((f) => [f, sha256File(path.join(dir, f))]));
}

/** manifest.json's text with its "sha256" field set to `digests` (after "files", one-space indent). */
export function withDigests(text, digests) {
  const block = ` "sha256": {\n${Object.entries(digests).map(([f, d]) => `  ${JSON.stringify(f)}: "${d}"`).join(',\n')}\n },\n`;
  const withoutOld = text.replace(/ "sha256": \{[^}]*\},\n/, '');
  const files = /( "files": \{[^}]*\},\n)/.exec(withoutOld);
  if (!files) throw new Error('no "files" field to put the digests after');
  const out = withoutOld.replace(files[1], files[1] + block);
  JSON.parse(out); // still valid JSON
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'public/models';
  for (const name of fs.readdirSync(root).sort()) {
    const file = path.join(root, name, 'manifest.json');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const digests = digestsFor(path.dirname(file), JSON.parse(text));
    fs.writeFileSync(file, withDigests(text, digests));
    console.log(`model-digests: ${file}: ${Object.keys(digests).join(', ')}`);
  }
}
