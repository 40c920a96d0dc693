/** @jest-environment node */
import fs from 'node:fs';
import path from 'node:path';
import { CELLS, specOf } from '@/components/cells/catalog';
import { mdxComponentsFor } from '@/components/mdx/registry';
import { readFunctionSource } from '@/lib/content';
import { CHAPTER_SLUGS, LANGS } from '@/lib/chapters';
import { defaults, parseParams, serializeParams } from '@/lib/urlState';

// Jest cannot compile MDX: the chapters are read as text, and a tag is `<Name` with a capital.
const chapters = LANGS.map((lang) => ({
  lang,
  files: fs.readdirSync(path.join(process.cwd(), 'content', lang)).filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ file: `content/${lang}/${f}`, text: fs.readFileSync(path.join(process.cwd(), 'content', lang, f), 'utf8') })),
}));
/** JSX tags outside fenced code blocks (a code sample may show `<Cell>` without using it). */
const tagsIn = (text: string) => new Set([...text.replace(/```[\s\S]*?```/g, '').matchAll(/<([A-Z][A-Za-z0-9]*)\b/g)].map((m) => m[1]));

describe('cell catalog', () => {
  test('ids (URL namespaces, anchors) and MDX tags are unique, ids are URL-safe', () => {
    const ids = CELLS.map((c) => c.id);
    const tags = CELLS.map((c) => c.tag);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(tags).size).toBe(tags.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(CELLS.length).toBeGreaterThanOrEqual(15);
  });

  test('every tag used in content/*/*.mdx is registered', () => {
    const registered = new Set(Object.keys(mdxComponentsFor('en')));
    for (const { files } of chapters) {
      for (const { file, text } of files) {
        const missing = [...tagsIn(text)].filter((t) => !registered.has(t));
        expect({ file, missing }).toEqual({ file, missing: [] });
      }
    }
  });

  test('every catalog cell is registered under its tag and appears in some chapter in both languages', () => {
    const registered = mdxComponentsFor('zh') as Record<string, unknown>;
    expect(chapters.map((c) => c.lang).sort()).toEqual([...LANGS].sort());
    for (const cell of CELLS) {
      expect(typeof registered[cell.tag]).toBe('function');
      for (const { lang, files } of chapters) {
        const where = files.filter((f) => tagsIn(f.text).has(cell.tag)).map((f) => f.file);
        expect({ cell: cell.id, lang, found: where.length > 0 }).toEqual({ cell: cell.id, lang, found: true });
      }
    }
    // Every chapter file belongs to a known slug (a stray file would be a chapter nobody builds).
    for (const { files } of chapters) {
      for (const { file } of files) expect(CHAPTER_SLUGS as readonly string[]).toContain(path.basename(file, '.mdx'));
    }
  });

  test('every code-panel function exists in its module', () => {
    for (const cell of CELLS) {
      expect(cell.code.length).toBeGreaterThan(0);
      for (const { file, name } of cell.code) {
        const source = readFunctionSource(file, name);
        expect({ cell: cell.id, file, name, found: source.includes(name) }).toEqual({ cell: cell.id, file, name, found: true });
      }
    }
  });

  test('every spec round-trips its defaults through the URL without a notice', () => {
    for (const cell of CELLS) {
      const spec = specOf(cell, 3);
      expect(Object.keys(spec).length).toBeGreaterThan(0);
      const values = defaults(spec);
      const search = serializeParams(spec, values, cell.id, new URLSearchParams(), { includeDefaults: true });
      const parsed = parseParams(spec, search, cell.id);
      expect({ cell: cell.id, notices: parsed.notices }).toEqual({ cell: cell.id, notices: [] });
      expect(parsed.values).toEqual(values);
      for (const [name, p] of Object.entries(spec)) {
        if (p.kind === 'enum') expect(p.values).toContain(p.default);
        if (p.kind === 'number') expect([cell.id, name, p.min <= p.default && p.default <= p.max]).toEqual([cell.id, name, true]);
      }
    }
  });

  test('the model cells take the default guidance from the build (not a literal)', () => {
    for (const cell of CELLS.filter((c) => typeof c.spec === 'function')) {
      const a = specOf(cell, 1.5) as Record<string, { default: unknown }>;
      const b = specOf(cell, 4) as Record<string, { default: unknown }>;
      expect([cell.id, a.w?.default, b.w?.default]).toEqual([cell.id, 1.5, 4]);
    }
  });
});
