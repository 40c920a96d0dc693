import fs from 'node:fs';
import path from 'node:path';
import { parseUNetManifest } from '@/lib/imageModel/manifest';
import { UNET_MODEL_NAME } from '@/lib/imageModel/spec';

/** What the cells need from the exported model's manifest before the model itself is loaded. */
export interface BuildTimeModelFacts {
  defaultGuidance: number;
  colours: { name: string; rgb: [number, number, number] }[];
  background: [number, number, number];
}

/** Used only when the manifest cannot be read at build time (the cell then still builds and explains a load error at run time). */
const FALLBACK: BuildTimeModelFacts = {
  defaultGuidance: 2,
  colours: [
    { name: 'red', rgb: [230, 40, 40] }, { name: 'orange', rgb: [245, 140, 20] }, { name: 'yellow', rgb: [240, 225, 30] },
    { name: 'green', rgb: [40, 200, 60] }, { name: 'cyan', rgb: [30, 215, 225] }, { name: 'blue', rgb: [45, 90, 245] },
    { name: 'purple', rgb: [155, 60, 225] }, { name: 'pink', rgb: [250, 120, 195] }, { name: 'white', rgb: [240, 240, 240] },
  ],
  background: [12, 12, 18],
};

/** Server-only: reads public/models/colour-mnist-unet/manifest.json at build time, with the one manifest parser. */
export function modelFactsAtBuild(): BuildTimeModelFacts {
  const file = path.join(process.cwd(), 'public', 'models', UNET_MODEL_NAME, 'manifest.json');
  try {
    const m = parseUNetManifest(JSON.parse(fs.readFileSync(file, 'utf8')), file);
    return { defaultGuidance: m.sampling.defaultGuidance, colours: m.vocabulary.colours, background: m.vocabulary.background };
  } catch (e) {
    console.warn(`${e instanceof Error ? e.message : String(e)} — the cells are built with default model facts.`);
    return FALLBACK;
  }
}
