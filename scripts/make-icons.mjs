// Renders the site icon (public/icon.svg: a rounded square with dots, read from the SVG so the
// two never drift) into the PNG sizes a web app manifest needs, with nothing but Node: each pixel
// is supersampled 4×4 against the shapes and written as an RGBA PNG (zlib + CRC-32).
// Output: public/icons/icon-192.png, icon-512.png (rounded, transparent corners) and
// icon-maskable-512.png (full-bleed background, dots inside the 80 % safe zone).
// Run by hand after changing icon.svg: `node scripts/make-icons.mjs` (the PNGs are committed).
import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from './png.mjs';

const svg = fs.readFileSync('public/icon.svg', 'utf8');
const num = (s, name) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(s)?.[1] ?? NaN);
const view = svg.match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/).slice(1).map(Number)[0];
const rect = svg.match(/<rect[^>]*>/)[0];
const bg = rect.match(/fill="#([0-9a-f]{3,6})"/i)[1];
const fg = svg.match(/<g fill="#([0-9a-f]{3,6})"/i)[1];
const radius = num(rect, 'rx');
const circles = [...svg.matchAll(/<circle[^>]*>/g)].map((m) => ({ cx: num(m[0], 'cx'), cy: num(m[0], 'cy'), r: num(m[0], 'r') }));
const rgb = (hex) => {
  const h = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
};

function insideRoundedSquare(x, y, size, r) {
  const dx = Math.max(r - x, 0, x - (size - r));
  const dy = Math.max(r - y, 0, y - (size - r));
  return dx * dx + dy * dy <= r * r;
}

/** RGBA pixels of the icon at `size` px; `maskable` fills the square and shrinks the dots to 80 %. */
function render(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const [br, bgc, bb] = rgb(bg), [fr, fgc, fb] = rgb(fg);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inBg = 0, inDot = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = ((x + (sx + 0.5) / S) / size) * view, v = ((y + (sy + 0.5) / S) / size) * view;
          if (!maskable && !insideRoundedSquare(u, v, view, radius)) continue;
          inBg++;
          const [cu, cv] = maskable ? [(u - view / 2) / 0.8 + view / 2, (v - view / 2) / 0.8 + view / 2] : [u, v];
          if (circles.some((c) => (cu - c.cx) ** 2 + (cv - c.cy) ** 2 <= c.r * c.r)) inDot++;
        }
      }
      const a = inBg / (S * S), d = inBg > 0 ? inDot / inBg : 0;
      const o = (y * size + x) * 4;
      px[o] = Math.round(br + (fr - br) * d);
      px[o + 1] = Math.round(bgc + (fgc - bgc) * d);
      px[o + 2] = Math.round(bb + (fb - bb) * d);
      px[o + 3] = Math.round(255 * a);
    }
  }
  return px;
}

fs.mkdirSync('public/icons', { recursive: true });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]]) {
  const file = path.join('public/icons', name);
  fs.writeFileSync(file, encodePng(size, size, render(size, maskable), 4));
  console.log(`make-icons: ${file}`);
}
