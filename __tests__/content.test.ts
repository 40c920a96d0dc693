/** @jest-environment node */
import fs from 'node:fs';
import { readFunctionSource, readAllChapterMeta } from '@/lib/content';

describe('readFunctionSource (show-code panels)', () => {
  test('returns the exact declaration text from the module, JSDoc included', () => {
    const src = readFunctionSource('lib/brownian.ts', 'brownianStep');
    expect(src.startsWith('/**')).toBe(true);
    expect(src).toContain('export function brownianStep(');
    expect(fs.readFileSync('lib/brownian.ts', 'utf8')).toContain(src);
    expect(src).not.toContain('meanSquaredDisplacement(');
  });

  test('braces inside types do not cut a function short', () => {
    const src = readFunctionSource('lib/urlState.ts', 'parseParams');
    expect(src.trimEnd().endsWith('}')).toBe(true);
    expect(src).toContain('return { values: values as ParamValues<S>, notices };');
  });

  test('reads one method of a class, dedented', () => {
    const src = readFunctionSource('components/cell/CellErrorBoundary.tsx', 'CellErrorBoundary.componentDidCatch');
    expect(src.startsWith('componentDidCatch(')).toBe(true);
  });

  test('a missing name is an error, not an empty panel', () => {
    expect(() => readFunctionSource('lib/brownian.ts', 'noSuchFunction')).toThrow(/not found/);
    expect(() => readFunctionSource('lib/brownian.ts', 'InkDrop.nothing')).toThrow(/not found/);
  });
});

test('chapter metadata is read for every chapter in order', () => {
  const meta = readAllChapterMeta('en');
  expect(meta.map((m) => m.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(meta.every((m) => m.sections.length >= 2)).toBe(true);
});
