// Post-build step: every exported page with typeset math preloads the KaTeX fonts its formulas
// use. KaTeX's CSS declares them with font-display: block, so text is laid out in a fallback font
// until the font arrives and then reflows: formulas change width, lines rewrap and everything
// below moves (measured on /en/theory/: CLS 0.096 without the preloads, 0.03 with them). With the
// fonts requested from the <head>, next to the render-blocking CSS, they are in before first paint.
// The hashed file names come from the export (out/_next/static/media), so nothing here can drift.
// Run after `next build`, before scripts/csp.mjs and the service worker (package.json "build").
// Idempotent: a second run replaces the links.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** KaTeX font file (without hash) → does a page's markup use it (its class attributes, joined)? */
const FONTS = [
  ['KaTeX_Main-Regular', () => true],
  ['KaTeX_Math-Italic', (c) => /\bmathnormal\b/.test(c)],
  ['KaTeX_Main-Bold', (c) => /\b(mathbf|textbf)\b/.test(c)],
  ['KaTeX_Main-Italic', (c) => /\b(mathit|textit)\b/.test(c)],
  ['KaTeX_AMS-Regular', (c) => /\b(amsrm|mathbb|textbb)\b/.test(c)],
  ['KaTeX_Caligraphic-Regular', (c) => /\bmathcal\b/.test(c)],
  ['KaTeX_Size1-Regular', (c) => /delimsizing size1\b|\bsmall-op\b/.test(c)],
  ['KaTeX_Size2-Regular', (c) => /delimsizing size2\b|\blarge-op\b/.test(c)],
];
const MARK = 'data-katex-font';
const LINK_RE = new RegExp(`<link [^>]*${MARK}[^>]*/?>`, 'g');

/** The woff2 file of each KaTeX font in the export, by its unhashed name. */
export function katexFontFiles(outDir) {
  const media = path.join(outDir, '_next', 'static', 'media');
  const files = new Map();
  for (const f of fs.existsSync(media) ? fs.readdirSync(media) : []) {
    const m = /^(KaTeX_[A-Za-z0-9]+-[A-Za-z]+)\.[^.]+\.woff2$/.exec(f);
    if (m) files.set(m[1], `/_next/static/media/${f}`);
  }
  return files;
}

/** The page with preload links for the KaTeX fonts its markup uses (none without math). */
export function withFontPreloads(html, files) {
  const clean = html.replace(LINK_RE, '');
  if (!clean.includes('class="katex')) return clean;
  const classes = [...clean.matchAll(/class="([^"]*)"/g)].map((m) => m[1]).join(' ');
  const links = FONTS.filter(([name, used]) => files.has(name) && used(classes))
    .map(([name]) => `<link rel="preload" href="${files.get(name)}" as="font" type="font/woff2" crossorigin="" ${MARK}=""/>`)
    .join('');
  const at = clean.indexOf('<link rel="stylesheet"');
  return at < 0 ? clean.replace('</head>', `${links}</head>`) : clean.slice(0, at) + links + clean.slice(at);
}

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? htmlFiles(p) : e.name.endsWith('.html') ? [p] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? 'out';
  const files = katexFontFiles(outDir);
  if (!files.has('KaTeX_Main-Regular')) {
    console.error(`preload-fonts: no KaTeX fonts under ${outDir}/_next/static/media (was katex.min.css imported?)`);
    process.exit(1);
  }
  let pages = 0;
  for (const file of htmlFiles(outDir)) {
    const html = fs.readFileSync(file, 'utf8');
    const next = withFontPreloads(html, files);
    if (next !== html) fs.writeFileSync(file, next);
    if (next.includes(MARK)) pages++;
  }
  console.log(`preload-fonts: KaTeX font preloads in ${pages} page(s)`);
}
