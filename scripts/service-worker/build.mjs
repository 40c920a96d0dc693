// Post-build step: generates out/sw.js from ./sw.template.js with workbox-build (injectManifest)
// and copies Workbox's runtime into out/ (the site serves it itself). Runs after scripts/csp.mjs,
// so the revisions and integrity hashes describe the final HTML. Every file of the export is
// precached (pages of any route, RSC payloads, chunks, wasm, public/models/** and public/data/**),
// so new routes need nothing here. Each entry carries its SHA-256 integrity: the browser checks
// every precached file as it downloads it, and a damaged download fails the install instead of
// being served later.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyWorkboxLibraries, injectManifest } from 'workbox-build';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Files of the export that are not precached: the worker itself, Workbox's runtime, source maps. */
const IGNORE = ['sw.js', 'workbox-v*/**', '**/*.map'];

function integrityTransform(root) {
  return async (entries) => ({
    manifest: entries.map((e) => {
      const file = path.join(root, decodeURIComponent(e.url));
      const digest = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64');
      return { ...e, integrity: `sha256-${digest}` };
    }),
    warnings: [],
  });
}

/** The runtime files sw.template.js loads: the loader and the production builds of the modules it uses. */
const RUNTIME = /^workbox-(sw|core\.prod|routing\.prod|strategies\.prod|precaching\.prod)\.js$/;

/** Keeps only RUNTIME of the copied Workbox libraries (no development builds, source maps or unused modules). */
function pruneRuntime(dir) {
  for (const f of fs.readdirSync(dir)) if (!RUNTIME.test(f)) fs.rmSync(path.join(dir, f));
}

export async function buildServiceWorker(root = 'out') {
  const workboxDir = await copyWorkboxLibraries(root);
  pruneRuntime(path.join(root, workboxDir));
  const template = fs.readFileSync(path.join(here, 'sw.template.js'), 'utf8').replaceAll('__WORKBOX_DIR__', workboxDir);
  const src = path.join(root, '.sw-src.js');
  fs.writeFileSync(src, template);
  try {
    const { count, size, warnings } = await injectManifest({
      swSrc: src,
      swDest: path.join(root, 'sw.js'),
      globDirectory: root,
      globPatterns: ['**/*'],
      globIgnores: [...IGNORE, '.sw-src.js'],
      // Next's hashed assets need no revision; everything else gets an MD5 revision.
      dontCacheBustURLsMatching: /^_next\/static\//,
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      manifestTransforms: [integrityTransform(root)],
    });
    return { count, size, warnings, workboxDir };
  } finally {
    fs.rmSync(src, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'out';
  const { count, size, warnings, workboxDir } = await buildServiceWorker(root);
  for (const w of warnings) console.warn(`service worker: ${w}`);
  console.log(`service worker: ${root}/sw.js precaches ${count} files (${(size / 1e6).toFixed(1)} MB); Workbox runtime in ${root}/${workboxDir}/`);
}
