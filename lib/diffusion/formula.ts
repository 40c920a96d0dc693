/**
 * Safe parser for the schedule formulas a reader types (β(u) or ᾱ(u), u = t/T).
 *
 * Never `eval` / `new Function`. The text goes through a private mathjs instance:
 *  1. the dangerous functions (import, createUnit, evaluate, parse, compile, simplify,
 *     derivative, resolve, reviver, …) are replaced by throwing stubs, following mathjs's own
 *     security guidance, after keeping a private reference to `parse`;
 *  2. the parsed tree is checked against a whitelist before it is compiled: numbers, the
 *     variables t, T, u, the constants pi and e, arithmetic and comparison operators,
 *     `cond ? a : b`, parentheses and a list of elementary functions. Property access, indexing,
 *     assignment, function definition, strings, objects, matrices, units and every other
 *     symbol are rejected with a message before anything is evaluated;
 *  3. the checked tree is turned into a tree of plain closures over the whitelisted
 *     operations (below). mathjs's own evaluator is never run on reader input, and evaluating
 *     1000 steps costs microseconds (mathjs's general evaluator was ~1 ms, more under Jest).
 *
 * Semantics follow mathjs for these operations (mod is x − y·floor(x/y); log(x, b), round(x, n)
 * take an optional second argument), except that comparisons are exact rather than mathjs's
 * tolerance-based ones.
 *
 * This is the only module that imports mathjs, so schedules without custom formulas do not
 * load it.
 */
import { create, all, type MathNode } from 'mathjs';
import type { ScheduleFn } from './schedule';

const math = create(all, { number: 'number', predictable: true });
// Keep private references before the public ones are disabled.
const safeParse = math.parse;

function disabled(name: string): () => never {
  return () => { throw new Error(`Function ${name} is disabled`); };
}
math.import(
  {
    import: disabled('import'),
    createUnit: disabled('createUnit'),
    evaluate: disabled('evaluate'),
    parse: disabled('parse'),
    compile: disabled('compile'),
    simplify: disabled('simplify'),
    simplifyConstant: disabled('simplifyConstant'),
    simplifyCore: disabled('simplifyCore'),
    derivative: disabled('derivative'),
    resolve: disabled('resolve'),
    reviver: disabled('reviver'),
    rationalize: disabled('rationalize'),
    chain: disabled('chain'),
    help: disabled('help'),
  },
  { override: true },
);

export type FormulaVariable = 'beta' | 'alphaBar';

/** What is wrong with a formula, as data for the page to word (messages/); `message` is the English. */
export type FormulaProblem =
  | { code: 'not-text' }
  | { code: 'empty'; variable: FormulaVariable; example: string }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'syntax'; detail: string; position?: number }
  | { code: 'too-complex' }
  | { code: 'constant-not-number'; found: string }
  | { code: 'unknown-symbol'; name: string }
  | { code: 'operator-not-allowed'; op: string }
  | { code: 'named-calls-only' }
  | { code: 'function-not-allowed'; name: string; allowed: string }
  | { code: 'no-property-access' }
  | { code: 'no-assignment' }
  | { code: 'single-expression' }
  | { code: 'expression-not-allowed'; kind: string }
  | { code: 'arity'; name: string; min: number; max: number; got: number }
  | { code: 'cannot-compile'; kind: string };

export type FormulaResult =
  | { ok: true; fn: ScheduleFn; text: string; variable: FormulaVariable }
  | { ok: false; message: string; problem: FormulaProblem; /** 0-based character index, when known */ position?: number };

export const MAX_FORMULA_LENGTH = 300;
const MAX_NODES = 400;

const ALLOWED_VARIABLES = ['t', 'T', 'u'] as const;
const ALLOWED_CONSTANTS = new Set(['pi', 'e']);
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod',
  'smaller', 'larger', 'smallerEq', 'largerEq',
]);

const VAR_HELP = 'only t, T and u = t/T (and the constants pi, e) may appear';

type Found = { problem: FormulaProblem; message: string };
const found = (problem: FormulaProblem, message: string): Found => ({ problem, message });

/** Returns the problem with the first disallowed node, or null. */
function checkTree(root: MathNode): Found | null {
  let count = 0;
  const visit = (node: MathNode): Found | null => {
    if (++count > MAX_NODES) return found({ code: 'too-complex' }, 'The formula is too complex.');
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v !== 'number') return found({ code: 'constant-not-number', found: JSON.stringify(String(v)) }, `Only numbers are allowed as constants (found ${JSON.stringify(String(v))}).`);
        return null;
      }
      case 'SymbolNode': {
        const name = n.name as string;
        if ((ALLOWED_VARIABLES as readonly string[]).includes(name) || ALLOWED_CONSTANTS.has(name)) return null;
        return found({ code: 'unknown-symbol', name }, `Unknown symbol "${name}": ${VAR_HELP}.`);
      }
      case 'ParenthesisNode':
        return visit(n.content as MathNode);
      case 'OperatorNode': {
        const fn = n.fn as string;
        if (!ALLOWED_OPERATORS.has(fn)) return found({ code: 'operator-not-allowed', op: n.op as string }, `The operator "${n.op as string}" is not allowed.`);
        for (const a of n.args as MathNode[]) { const e = visit(a); if (e) return e; }
        return null;
      }
      case 'ConditionalNode': {
        for (const k of ['condition', 'trueExpr', 'falseExpr']) { const e = visit(n[k] as MathNode); if (e) return e; }
        return null;
      }
      case 'FunctionNode': {
        const fn = n.fn as MathNode & { name?: string };
        // Only a plain name may be called: rejects a.b(), f()(), x["constructor"]() etc.
        if (fn.type !== 'SymbolNode' || typeof fn.name !== 'string') return found({ code: 'named-calls-only' }, 'Only named functions such as exp(u) may be called.');
        if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, fn.name)) {
          const allowed = Object.keys(FUNCTIONS).join(', ');
          return found({ code: 'function-not-allowed', name: fn.name, allowed }, `The function "${fn.name}" is not allowed. Allowed: ${allowed}.`);
        }
        for (const a of n.args as MathNode[]) { const e = visit(a); if (e) return e; }
        return null;
      }
      case 'AccessorNode':
      case 'IndexNode':
        return found({ code: 'no-property-access' }, 'Property access and indexing (a.b, a[1]) are not allowed.');
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        return found({ code: 'no-assignment' }, 'Assignments and function definitions are not allowed; type a single expression.');
      case 'BlockNode':
        return found({ code: 'single-expression' }, 'Type a single expression (no ";" or line breaks).');
      default:
        return found({ code: 'expression-not-allowed', kind: node.type.replace(/Node$/, '') }, `"${node.type.replace(/Node$/, '')}" expressions are not allowed.`);
    }
  };
  return visit(root);
}

type Scope = { t: number; T: number; u: number };
type Value = number | boolean;
type Compiled = (s: Scope) => Value;

const { sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, exp, expm1, log, log10, log2, log1p,
  sqrt, cbrt, abs, sign, min, max, pow, floor, ceil, round, PI, E } = Math;

const num = (v: Value): number => (typeof v === 'number' ? v : v ? 1 : 0);
const modFn = (x: number, y: number): number => (y === 0 ? x : x - y * floor(x / y));
const roundFn = (x: number, n = 0): number => {
  if (!Number.isInteger(n) || n < 0 || n > 15) return NaN;
  const f = pow(10, n);
  return round(x * f) / f;
};

/** name → [min args, max args, implementation] */
const FUNCTIONS: Record<string, [number, number, (...a: number[]) => number]> = {
  sin: [1, 1, sin], cos: [1, 1, cos], tan: [1, 1, tan], asin: [1, 1, asin], acos: [1, 1, acos],
  atan: [1, 1, atan], atan2: [2, 2, atan2], sinh: [1, 1, sinh], cosh: [1, 1, cosh], tanh: [1, 1, tanh],
  exp: [1, 1, exp], expm1: [1, 1, expm1], log: [1, 2, (x, b) => (b === undefined ? log(x) : log(x) / log(b))],
  log10: [1, 1, log10], log2: [1, 1, log2], log1p: [1, 1, log1p], sqrt: [1, 1, sqrt], cbrt: [1, 1, cbrt],
  abs: [1, 1, abs], sign: [1, 1, sign], min: [1, 16, min], max: [1, 16, max], pow: [2, 2, pow],
  floor: [1, 1, floor], ceil: [1, 1, ceil], round: [1, 2, roundFn], mod: [2, 2, modFn],
};

const BINARY: Record<string, (a: number, b: number) => Value> = {
  add: (a, b) => a + b, subtract: (a, b) => a - b, multiply: (a, b) => a * b, divide: (a, b) => a / b,
  pow: (a, b) => pow(a, b), mod: modFn,
  smaller: (a, b) => a < b, larger: (a, b) => a > b, smallerEq: (a, b) => a <= b, largerEq: (a, b) => a >= b,
};

class FormulaCompileError extends Error {
  constructor(readonly problem: FormulaProblem, message: string) { super(message); }
}

/** Closure tree for a tree that passed `checkTree`. */
function compileNode(node: MathNode): Compiled {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ConstantNode': { const v = n.value as number; return () => v; }
    case 'SymbolNode': {
      const name = n.name as string;
      if (name === 't') return (s) => s.t;
      if (name === 'T') return (s) => s.T;
      if (name === 'u') return (s) => s.u;
      if (name === 'pi') return () => PI;
      if (name === 'e') return () => E;
      break;
    }
    case 'ParenthesisNode': return compileNode(n.content as MathNode);
    case 'ConditionalNode': {
      const c = compileNode(n.condition as MathNode), a = compileNode(n.trueExpr as MathNode), b = compileNode(n.falseExpr as MathNode);
      return (s) => (num(c(s)) !== 0 ? a(s) : b(s));
    }
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = (n.args as MathNode[]).map(compileNode);
      if (args.length === 1 && fn === 'unaryMinus') { const a = args[0]; return (s) => -num(a(s)); }
      if (args.length === 1 && fn === 'unaryPlus') { const a = args[0]; return (s) => num(a(s)); }
      const op = BINARY[fn];
      if (op && args.length === 2) { const [a, b] = args; return (s) => op(num(a(s)), num(b(s))); }
      // mathjs folds chains of + and * into one n-ary node.
      if (op && args.length > 2 && (fn === 'add' || fn === 'multiply')) {
        return (s) => { let acc = num(args[0](s)); for (let i = 1; i < args.length; i++) acc = op(acc, num(args[i](s))) as number; return acc; };
      }
      break;
    }
    case 'FunctionNode': {
      const name = (n.fn as { name: string }).name;
      const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!spec) break;
      const [lo, hi, impl] = spec;
      const args = (n.args as MathNode[]).map(compileNode);
      if (args.length < lo || args.length > hi) {
        throw new FormulaCompileError({ code: 'arity', name, min: lo, max: hi, got: args.length }, `${name} takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'} (got ${args.length}).`);
      }
      if (args.length === 1) { const a = args[0]; return (s) => impl(num(a(s))); }
      if (args.length === 2) { const [a, b] = args; return (s) => impl(num(a(s)), num(b(s))); }
      return (s) => impl(...args.map((a) => num(a(s))));
    }
  }
  // checkTree admits only the cases above; reaching here means the two lists drifted apart.
  throw new FormulaCompileError({ code: 'cannot-compile', kind: node.type }, `"${node.type}" cannot be compiled.`);
}

/**
 * Parse and compile a schedule formula once. The returned `fn(u, t, T)` evaluates it at one
 * step; a result that is not a real number (NaN from sqrt(−1), a bare comparison) comes back
 * as NaN, which `makeSchedule` then reports with the step where it happened.
 */
export function parseScheduleFormula(text: string, variable: FormulaVariable): FormulaResult {
  if (typeof text !== 'string') return { ok: false, message: 'The formula must be text.', problem: { code: 'not-text' } };
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    const example = variable === 'beta' ? '0.0001 + (0.02 - 0.0001) * u' : 'cos(u * pi / 2)^2';
    return { ok: false, message: `Type a formula for ${variable === 'beta' ? 'β' : 'ᾱ'} in terms of u = t/T, e.g. ${example}.`, problem: { code: 'empty', variable, example } };
  }
  if (text.length > MAX_FORMULA_LENGTH) {
    return { ok: false, message: `The formula is too long (${text.length} characters; at most ${MAX_FORMULA_LENGTH}).`, problem: { code: 'too-long', length: text.length, max: MAX_FORMULA_LENGTH }, position: MAX_FORMULA_LENGTH };
  }
  let node: MathNode;
  try {
    node = safeParse(text);
  } catch (e) {
    const err = e as { message?: string; char?: number };
    const pos = typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined;
    const msg = (err.message ?? 'Syntax error').replace(/\s*\(char \d+\)\s*$/, '');
    return { ok: false, message: pos !== undefined ? `${msg} at character ${pos + 1}.` : `${msg}.`, problem: { code: 'syntax', detail: msg, position: pos }, position: pos };
  }
  const bad = checkTree(node);
  if (bad) return { ok: false, message: bad.message, problem: bad.problem };

  let root: Compiled;
  try {
    root = compileNode(node);
  } catch (e) {
    if (e instanceof FormulaCompileError) return { ok: false, message: e.message, problem: e.problem };
    throw e;
  }
  const scope: Scope = { t: 0, T: 0, u: 0 };
  const fn: ScheduleFn = (u, t, T) => {
    scope.u = u; scope.t = t; scope.T = T;
    const v = root(scope);
    return typeof v === 'number' ? v : NaN;
  };
  return { ok: true, fn, text: trimmed, variable };
}
