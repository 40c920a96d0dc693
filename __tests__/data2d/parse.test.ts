/** @jest-environment node */
import { parsePointsFile, MAX_POINT_ROWS } from '@/lib/data2d';

function ok(text: string) {
  const r = parsePointsFile(text);
  if (!r.ok) throw new Error(`expected ok: ${r.message}`);
  return r;
}
function bad(text: string) {
  const r = parsePointsFile(text);
  expect(r.ok).toBe(false);
  return r.ok ? { message: '', line: undefined } : r;
}

describe('accepted files', () => {
  test('CSV, TSV, semicolons; header case and spaces', () => {
    expect(Array.from(ok('x,y\n1,2\n3,4\n').points)).toEqual([1, 2, 3, 4]);
    expect(ok('X\tY\n1\t2\n-3.5\t4e-1').n).toBe(2);
    expect(Array.from(ok(' x ; Y \n1,5;2\n3;-4,25').points)).toEqual([1.5, 2, 3, -4.25]);
    expect(Array.from(ok('"x","y"\n"1","2"\n3,4').points)).toEqual([1, 2, 3, 4]);
  });
  test('CRLF, CR, BOM, trailing and inner blank lines', () => {
    expect(ok('x,y\r\n1,2\r\n3,4\r\n\r\n\r\n').n).toBe(2);
    expect(ok('x,y\r1,2\r3,4').n).toBe(2);
    expect(ok('\uFEFFx,y\n1,2\n\n3,4\n   \n').n).toBe(2);
    expect(ok('\n\nx,y\n1,2\n3,4').n).toBe(2);
  });
  test('extra columns are ignored; column order follows the header', () => {
    expect(Array.from(ok('label,y,x\na,1,2\nb,3,4').points)).toEqual([2, 1, 4, 3]);
    expect(ok('x,y,\n1,2,\n3,4,').n).toBe(2);
  });
  test(`exactly ${MAX_POINT_ROWS} rows is allowed`, () => {
    const text = 'x,y\n' + '1,2\n'.repeat(MAX_POINT_ROWS);
    expect(ok(text).n).toBe(MAX_POINT_ROWS);
  });
});

describe('rejected files name the line and the problem', () => {
  test('empty', () => {
    expect(bad('').message).toMatch(/empty/);
    expect(bad(' \n\r\n\t\n').message).toMatch(/empty/);
  });
  test('missing or wrong header', () => {
    const r = bad('1,2\n3,4');
    expect(r.message).toMatch(/^Line 1: .*header.*x and y/);
    expect(bad('a,b\n1,2\n3,4').message).toMatch(/^Line 1: expected a header with columns x and y \(found "a,b"\)/);
    expect(bad('\n\nx,z\n1,2').message).toMatch(/^Line 3:/);
  });
  test('text in a number', () => {
    const r = bad('x,y\n1,2\n3,abc\n5,6');
    expect(r.message).toBe('Line 3: the y value "abc" is not a number.');
    expect(r.line).toBe(3);
    expect(bad('x,y\n1,2\n0x10,1').message).toMatch(/Line 3: the x value "0x10" is not a number/);
    expect(bad('x,y\n1,2\n1.2.3,1').message).toMatch(/Line 3/);
  });
  test('NaN and Infinity', () => {
    expect(bad('x,y\n1,2\nNaN,1').message).toBe('Line 3: the x value "NaN" is not a finite number.');
    expect(bad('x,y\n1,2\n1,-Infinity').message).toMatch(/Line 3: the y value "-Infinity" is not a finite number/);
    expect(bad('x,y\n1,2\n1,inf').message).toMatch(/not a finite number/);
    expect(bad('x,y\n1,2\n1,1e400').message).toMatch(/Line 3: .*too large/);
  });
  test('wrong number of values, missing value', () => {
    expect(bad('x,y\n1,2\n3').message).toMatch(/^Line 3: expected 2 values separated by "," \(like the header\), found 1/);
    expect(bad('x,y\n1,2\n3,4,5').message).toMatch(/^Line 3: expected 2 values/);
    expect(bad('x,y\n1,2\n,4').message).toMatch(/^Line 3: the x value is missing/);
    // Decimal commas with a comma delimiter are caught rather than misread.
    expect(bad('x,y\n1,5,2,5').message).toMatch(/^Line 2: expected 2 values/);
  });
  test('too many rows', () => {
    const text = 'x,y\n' + '1,2\n'.repeat(MAX_POINT_ROWS + 1);
    const r = bad(text);
    expect(r.message).toMatch(/more than 100,000 data rows/);
    expect(r.line).toBe(MAX_POINT_ROWS + 2);
  });
  test('too few points', () => {
    expect(bad('x,y\n').message).toMatch(/at least 2 points; the file has none/);
    expect(bad('x,y\n1,2\n').message).toMatch(/at least 2 points; the file has 1/);
  });
  test('never throws on odd input', () => {
    for (const t of ['\u0000', 'x,y\n\u0000,1', '"', 'x;y\n;', 'x\ty\n1\t2\t\t\t', '﻿', 'x,y\n' + '9'.repeat(5000) + ',1']) {
      expect(() => parsePointsFile(t)).not.toThrow();
    }
  });
});
