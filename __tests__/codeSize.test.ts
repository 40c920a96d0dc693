/** @jest-environment node */
/**
 * Small units, checked: no React component function in components/ over 100 lines, no function
 * in lib/ over 90 (ARCHITECTURE.md, "Small units"). Read with the TypeScript parser, so a long
 * arrow function or a component wrapped in memo() counts like any other.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = process.cwd();
const COMPONENT_LIMIT = 100;
const LIB_LIMIT = 90;

function filesUnder(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, exts));
    else if (exts.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Fn { file: string; name: string; lines: number }

type FnNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** The name a function is known by: its own, or the variable / property / call it is assigned through. */
function nameOf(node: FnNode): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  let p: ts.Node = node.parent;
  // const X = memo(function …) / forwardRef((…) => …)
  while (p && ts.isCallExpression(p)) p = p.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return '(anonymous)';
}

function functionsIn(file: string): Fn[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Fn[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, name: nameOf(node), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const isComponentName = (name: string) => /^[A-Z]/.test(name);

describe('small units', () => {
  test(`no React component function in components/ is over ${COMPONENT_LIMIT} lines`, () => {
    const long = filesUnder('components', ['.tsx', '.ts']).flatMap(functionsIn)
      .filter((f) => isComponentName(f.name) && f.lines > COMPONENT_LIMIT)
      .map((f) => `${f.file}: ${f.name} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  test(`no function in lib/ is over ${LIB_LIMIT} lines`, () => {
    const long = filesUnder('lib', ['.ts', '.tsx']).flatMap(functionsIn)
      .filter((f) => f.lines > LIB_LIMIT)
      .map((f) => `${f.file}: ${f.name} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  test('the checker sees components written every way', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, '.size-probe-'));
    try {
      const body = Array.from({ length: 120 }, (_, i) => `  const v${i} = ${i};`).join('\n');
      fs.writeFileSync(path.join(dir, 'p.tsx'), [
        `export function Declared() {\n${body}\n  return null;\n}`,
        `export const Arrow = () => {\n${body}\n  return null;\n};`,
        `export const Memo = memo(function Inner() {\n${body}\n  return null;\n});`,
        `export const Wrapped = memo(() => {\n${body}\n  return null;\n});`,
        `export function Short() { return null; }`,
      ].join('\n'));
      const rel = path.relative(ROOT, path.join(dir, 'p.tsx'));
      const long = functionsIn(rel).filter((f) => isComponentName(f.name) && f.lines > COMPONENT_LIMIT).map((f) => f.name);
      expect(long.sort()).toEqual(['Arrow', 'Declared', 'Inner', 'Wrapped']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
