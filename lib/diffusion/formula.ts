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
 *     symbol are rejected with a message before anything is evaluated.
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

export type FormulaResult =
  | { ok: true; fn: ScheduleFn; text: string; variable: FormulaVariable }
  | { ok: false; message: string; /** 0-based character index, when known */ position?: number };

export const MAX_FORMULA_LENGTH = 300;
const MAX_NODES = 400;

export const ALLOWED_VARIABLES = ['t', 'T', 'u'] as const;
const ALLOWED_CONSTANTS = new Set(['pi', 'e']);
const ALLOWED_FUNCTIONS = new Set([
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh',
  'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'sqrt', 'cbrt', 'abs', 'sign',
  'min', 'max', 'pow', 'floor', 'ceil', 'round', 'mod',
]);
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod',
  'smaller', 'larger', 'smallerEq', 'largerEq',
]);

const VAR_HELP = 'only t, T and u = t/T (and the constants pi, e) may appear';

/** Returns an error message for the first disallowed node, or null. */
function checkTree(root: MathNode): string | null {
  let count = 0;
  const visit = (node: MathNode): string | null => {
    if (++count > MAX_NODES) return 'The formula is too complex.';
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v !== 'number') return `Only numbers are allowed as constants (found ${JSON.stringify(String(v))}).`;
        return null;
      }
      case 'SymbolNode': {
        const name = n.name as string;
        if ((ALLOWED_VARIABLES as readonly string[]).includes(name) || ALLOWED_CONSTANTS.has(name)) return null;
        return `Unknown symbol "${name}": ${VAR_HELP}.`;
      }
      case 'ParenthesisNode':
        return visit(n.content as MathNode);
      case 'OperatorNode': {
        const fn = n.fn as string;
        if (!ALLOWED_OPERATORS.has(fn)) return `The operator "${n.op as string}" is not allowed.`;
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
        if (fn.type !== 'SymbolNode' || typeof fn.name !== 'string') return 'Only named functions such as exp(u) may be called.';
        if (!ALLOWED_FUNCTIONS.has(fn.name)) {
          return `The function "${fn.name}" is not allowed. Allowed: ${[...ALLOWED_FUNCTIONS].join(', ')}.`;
        }
        for (const a of n.args as MathNode[]) { const e = visit(a); if (e) return e; }
        return null;
      }
      case 'AccessorNode':
      case 'IndexNode':
        return 'Property access and indexing (a.b, a[1]) are not allowed.';
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        return 'Assignments and function definitions are not allowed; type a single expression.';
      case 'BlockNode':
        return 'Type a single expression (no ";" or line breaks).';
      default:
        return `"${node.type.replace(/Node$/, '')}" expressions are not allowed.`;
    }
  };
  return visit(root);
}

/**
 * Parse and compile a schedule formula once. The returned `fn(u, t, T)` evaluates it at one
 * step; a result that is not a real number (complex, boolean, matrix) or a thrown error
 * becomes NaN, which `makeSchedule` then reports with the step where it happened.
 */
export function parseScheduleFormula(text: string, variable: FormulaVariable): FormulaResult {
  if (typeof text !== 'string') return { ok: false, message: 'The formula must be text.' };
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    return { ok: false, message: `Type a formula for ${variable === 'beta' ? 'β' : 'ᾱ'} in terms of u = t/T, e.g. ${variable === 'beta' ? '0.0001 + (0.02 - 0.0001) * u' : 'cos(u * pi / 2)^2'}.` };
  }
  if (text.length > MAX_FORMULA_LENGTH) {
    return { ok: false, message: `The formula is too long (${text.length} characters; at most ${MAX_FORMULA_LENGTH}).`, position: MAX_FORMULA_LENGTH };
  }
  let node: MathNode;
  try {
    node = safeParse(text);
  } catch (e) {
    const err = e as { message?: string; char?: number };
    const pos = typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined;
    const msg = (err.message ?? 'Syntax error').replace(/\s*\(char \d+\)\s*$/, '');
    return { ok: false, message: pos !== undefined ? `${msg} at character ${pos + 1}.` : `${msg}.`, position: pos };
  }
  const problem = checkTree(node);
  if (problem) return { ok: false, message: problem };

  let code: { evaluate: (scope?: object) => unknown };
  try {
    code = node.compile();
  } catch (e) {
    return { ok: false, message: `The formula cannot be compiled: ${(e as Error).message}` };
  }
  // One scope object, reused: evaluation then allocates nothing per step.
  const scope = { t: 0, T: 0, u: 0 };
  const fn: ScheduleFn = (u, t, T) => {
    scope.u = u; scope.t = t; scope.T = T;
    try {
      const v = code.evaluate(scope);
      return typeof v === 'number' ? v : NaN;
    } catch {
      return NaN;
    }
  };
  return { ok: true, fn, text: trimmed, variable };
}
