import { parseParams, readRunOnOpen, serializeParams } from '@/lib/urlState';

const spec = { n: { kind: 'number', default: 10, min: 1, max: 100, integer: true } } as const;

test('`<cell>.run=1` asks the cell to run on open and is not an unknown parameter', () => {
  const search = new URLSearchParams('c.run=1&c.n=20&d.run=0');
  expect(readRunOnOpen(search, 'c')).toBe(true);
  expect(readRunOnOpen(search, 'd')).toBe(false);
  expect(readRunOnOpen(new URLSearchParams('c.run=yes'), 'c')).toBe(false);
  expect(readRunOnOpen(new URLSearchParams('c.run=true'), 'c')).toBe(true);
  expect(parseParams(spec, search, 'c').notices).toEqual([]);
});

test('mirroring a cell into the address bar keeps its run and hide keys', () => {
  const base = new URLSearchParams('c.run=1&c.hide=controls&c.n=20&other.n=3');
  const out = serializeParams(spec, { n: 30 }, 'c', base);
  expect(out.get('c.run')).toBe('1');
  expect(out.get('c.hide')).toBe('controls');
  expect(out.get('c.n')).toBe('30');
  expect(out.get('other.n')).toBe('3');
  expect(serializeParams(spec, { n: 10 }, 'c', base).get('c.n')).toBeNull();
});
