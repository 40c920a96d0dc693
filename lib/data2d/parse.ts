/**
 * Parser for a reader's uploaded points file. Never throws: a bad file gets a message that
 * names the line and the problem, so the page can show it next to the upload button.
 *
 * Accepted: CSV / TSV / semicolon-separated text whose first non-blank line is a header
 * naming columns `x` and `y` (case-insensitive, surrounding spaces and quotes ignored; other
 * columns are allowed and ignored). The delimiter is read from the header: tab, else
 * semicolon, else comma. With semicolons a decimal comma (1,5) is accepted. Blank lines
 * (including trailing ones) are skipped; CRLF, CR and LF line ends all work; a UTF-8 BOM is
 * ignored.
 */

export const MAX_POINT_ROWS = 100_000;
const MIN_POINTS = 2;

/** What is wrong with a file, as data: the page words it in the reader's language (messages/). */
export type PointsProblem =
  | { code: 'not-text' }
  | { code: 'empty' }
  | { code: 'header-is-numbers'; found: string }
  | { code: 'no-xy-header'; found: string }
  | { code: 'too-many-rows'; max: number }
  | { code: 'column-count'; expected: number; found: number; delimiter: string }
  | { code: 'value-missing'; column: string }
  | { code: 'value-not-finite'; column: string; value: string }
  | { code: 'value-not-number'; column: string; value: string }
  | { code: 'value-too-large'; column: string; value: string }
  | { code: 'too-few-points'; min: number; n: number };

/** `message` is the English text for developers and logs; `problem` is what the page shows. */
export type ParsePointsResult =
  | { ok: true; points: Float32Array; n: number }
  | { ok: false; message: string; problem: PointsProblem; line?: number };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const F32_MAX = 3.4028234663852886e38;

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && ((t[0] === '"' && t[t.length - 1] === '"') || (t[0] === "'" && t[t.length - 1] === "'")) ? t.slice(1, -1).trim() : t;
}

function show(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

function fail(line: number | undefined, problem: PointsProblem, message: string): ParsePointsResult {
  return { ok: false, message: line !== undefined ? `Line ${line}: ${message}` : message, problem, line };
}

export function parsePointsFile(text: string): ParsePointsResult {
  if (typeof text !== 'string') return fail(undefined, { code: 'not-text' }, 'The file could not be read as text.');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);

  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) if (lines[i].trim() !== '') { headerLine = i; break; }
  if (headerLine < 0) return fail(undefined, { code: 'empty' }, 'The file is empty. Expected a header line "x,y" followed by one point per line.');

  const header = lines[headerLine];
  const delim = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
  const names = header.split(delim).map((c) => unquote(c).toLowerCase());
  // A trailing delimiter leaves an empty last column; tolerate it.
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const ix = names.indexOf('x');
  const iy = names.indexOf('y');
  if (ix < 0 || iy < 0) {
    const looksNumeric = names.length > 0 && names.every((c) => NUMBER.test(c));
    const found = show(header.trim());
    return fail(headerLine + 1, looksNumeric ? { code: 'header-is-numbers', found } : { code: 'no-xy-header', found }, looksNumeric
      ? `the first line must be a header naming the columns x and y (found numbers ${show(header.trim())}). Add a line "x,y" at the top.`
      : `expected a header with columns x and y (found ${show(header.trim())}).`);
  }
  const width = names.length;
  const labels = ['x', 'y'];

  const values: number[] = [];
  let rows = 0;
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    rows++;
    if (rows > MAX_POINT_ROWS) {
      return fail(lineNo, { code: 'too-many-rows', max: MAX_POINT_ROWS }, `the file has more than ${MAX_POINT_ROWS.toLocaleString('en-US')} data rows; keep at most ${MAX_POINT_ROWS.toLocaleString('en-US')}.`);
    }
    const cells = raw.split(delim);
    while (cells.length > width && cells[cells.length - 1].trim() === '') cells.pop();
    if (cells.length !== width) {
      return fail(lineNo, { code: 'column-count', expected: width, found: cells.length, delimiter: delim }, `expected ${width} values separated by ${delim === '\t' ? 'tabs' : `"${delim}"`} (like the header), found ${cells.length}.`);
    }
    for (let k = 0; k < 2; k++) {
      let cell = unquote(cells[k === 0 ? ix : iy]);
      if (delim === ';' && DECIMAL_COMMA.test(cell)) cell = cell.replace(',', '.');
      if (cell === '') return fail(lineNo, { code: 'value-missing', column: labels[k] }, `the ${labels[k]} value is missing.`);
      if (NON_FINITE.test(cell)) return fail(lineNo, { code: 'value-not-finite', column: labels[k], value: show(cell) }, `the ${labels[k]} value ${show(cell)} is not a finite number.`);
      if (!NUMBER.test(cell)) return fail(lineNo, { code: 'value-not-number', column: labels[k], value: show(cell) }, `the ${labels[k]} value ${show(cell)} is not a number.`);
      const v = Number(cell);
      if (!Number.isFinite(v) || Math.abs(v) > F32_MAX) return fail(lineNo, { code: 'value-too-large', column: labels[k], value: show(cell) }, `the ${labels[k]} value ${show(cell)} is too large.`);
      values.push(v);
    }
  }
  const n = values.length / 2;
  if (n < MIN_POINTS) {
    return fail(undefined, { code: 'too-few-points', min: MIN_POINTS, n }, `Need at least ${MIN_POINTS} points; the file has ${n === 0 ? 'none' : n}.`);
  }
  return { ok: true, points: Float32Array.from(values), n };
}
