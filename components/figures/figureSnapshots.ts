'use client';
/**
 * Snapshots of the figures as they were last drawn in this browser, for the teacher's handouts
 * (components/teach/HandoutFigures.tsx): when a chapter's cell finishes a run (or a cell that draws
 * before Run settles on new settings), its output — every canvas, chart and image in it, at their
 * places — is drawn onto one white picture, and kept in localStorage with the cell's title and its
 * printed settings line. One key per chapter cell and language, so a handout reads its chapter's.
 */
import { isChapterSlug, isLang, type ChapterSlug, type Lang } from '@/lib/chapters';

interface FigureSnapshot {
  cell: string;
  title: string;
  /** The printed settings line (PrintSettings.tsx), as it read when the figure was taken. */
  settings: string;
  /** A PNG data URL. */
  src: string;
  /** Position of the cell in its chapter (0 = first). */
  order: number;
  /** When it was taken (ms since the epoch). */
  at: number;
}

const PREFIX = 'ddpm-figure:';
/** Widest picture kept (CSS px): enough for a third of a printed page, small enough for storage. */
const MAX_WIDTH = 560;

const keyOf = (lang: Lang, slug: ChapterSlug, cell: string) => `${PREFIX}${lang}:${slug}:${cell}`;

/** The chapter a page shows (`/<lang>/<slug>/`), or null (an embed, the home page). */
function chapterOfPath(pathname: string): { lang: Lang; slug: ChapterSlug } | null {
  const m = /^\/([a-z]+)\/([a-z]+)\/?$/.exec(pathname);
  return m && isLang(m[1]) && isChapterSlug(m[2]) ? { lang: m[1], slug: m[2] } : null;
}

function loadImage(src: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => resolve(null);
    img.src = src;
  });
}

/** An element of the output as an image source: canvases as they are, charts serialized. */
async function drawable(el: Element): Promise<CanvasImageSource | null> {
  if (el instanceof HTMLCanvasElement) return el.width > 0 && el.height > 0 ? el : null;
  if (el instanceof HTMLImageElement) return el.complete && el.naturalWidth > 0 ? el : null;
  if (el instanceof SVGSVGElement) {
    const r = el.getBoundingClientRect();
    const copy = el.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    copy.setAttribute('width', String(r.width));
    copy.setAttribute('height', String(r.height));
    // Charts draw in currentColor: on paper that is the page's (dark) ink.
    copy.style.color = '#000';
    const xml = new XMLSerializer().serializeToString(copy);
    return loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);
  }
  return null;
}

/** The cell's output drawn on one white picture (null when it shows nothing drawable). */
async function renderOutput(output: HTMLElement): Promise<string | null> {
  const box = output.getBoundingClientRect();
  const parts = [...output.querySelectorAll('canvas, img, svg')].filter((el) => {
    if (el.closest('.katex') || (el instanceof SVGElement && el.ownerSVGElement)) return false;
    const r = el.getBoundingClientRect();
    return r.width >= 8 && r.height >= 8;
  });
  if (parts.length === 0 || box.width === 0) return null;
  const bottom = Math.max(...parts.map((el) => el.getBoundingClientRect().bottom)) - box.top;
  const scale = Math.min(1, MAX_WIDTH / box.width);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(bottom * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.height === 0) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    const src = await drawable(el);
    if (src) ctx.drawImage(src, (r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale);
  }
  return canvas.toDataURL('image/png');
}

/** Take and keep a snapshot of a chapter cell's figure (nothing on an embed or with blocked storage). */
export async function keepFigure(section: HTMLElement, title: string): Promise<void> {
  const where = chapterOfPath(window.location.pathname);
  const output = section.querySelector<HTMLElement>('.cell-output');
  const cell = section.dataset.cell;
  if (!where || !output || !cell) return;
  const src = await renderOutput(output);
  if (!src) return;
  const settings = section.querySelector('.cell-print-settings')?.textContent?.trim() ?? '';
  const order = [...document.querySelectorAll('section[data-cell]')].indexOf(section);
  const snap: FigureSnapshot = { cell, title, settings, src, order, at: Date.now() };
  const key = keyOf(where.lang, where.slug, cell);
  const value = JSON.stringify(snap);
  try {
    makeRoom(key, value.length);
    localStorage.setItem(key, value);
  } catch { /* storage full or blocked */ }
}

/** All snapshots together stay under this many characters, so they never crowd out the site's other storage. */
export const FIGURE_BUDGET = 2_000_000;

/** Forget the oldest snapshots (other than `key`) until `size` more characters fit in the budget. */
export function makeRoom(key: string, size: number): void {
  const kept: { key: string; length: number; at: number }[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k?.startsWith(PREFIX) || k === key) continue;
    const raw = localStorage.getItem(k) ?? '';
    const at = Number(/"at":(\d+)/.exec(raw)?.[1] ?? 0);
    kept.push({ key: k, length: raw.length, at });
  }
  kept.sort((a, b) => a.at - b.at);
  let total = kept.reduce((sum, k) => sum + k.length, 0) + size;
  for (const k of kept) {
    if (total <= FIGURE_BUDGET) break;
    localStorage.removeItem(k.key);
    total -= k.length;
  }
}

const isSnapshot = (v: unknown): v is FigureSnapshot => {
  const s = v as Partial<FigureSnapshot> | null;
  return typeof s === 'object' && s !== null && typeof s.cell === 'string' && typeof s.title === 'string'
    && typeof s.settings === 'string' && typeof s.src === 'string' && s.src.startsWith('data:image/png;base64,')
    && typeof s.order === 'number' && typeof s.at === 'number';
};

/**
 * The kept snapshots of a chapter's figures as one string (the stored JSON entries, one a line;
 * "" when there are none): a primitive, so a component can read it as a browser value.
 */
export function storedFigures(lang: Lang, slug: ChapterSlug): string {
  const raw: string[] = [];
  try {
    const prefix = `${PREFIX}${lang}:${slug}:`;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) raw.push(localStorage.getItem(key) ?? 'null');
    }
  } catch { /* blocked storage */ }
  return raw.sort().join('\n');
}

/** The snapshots in page order (a damaged entry is skipped). */
export function parseFigures(stored: string): FigureSnapshot[] {
  const all = stored.split('\n').map((line): unknown => {
    try { return JSON.parse(line); } catch { return null; }
  });
  return all.filter(isSnapshot).sort((a, b) => a.order - b.order);
}

/** Forget every kept snapshot of a chapter. */
export function clearFigures(lang: Lang, slug: ChapterSlug): void {
  try {
    const prefix = `${PREFIX}${lang}:${slug}:`;
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => Boolean(k?.startsWith(prefix)));
    keys.forEach((k) => localStorage.removeItem(k));
  } catch { /* blocked storage */ }
}
