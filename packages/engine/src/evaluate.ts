/**
 * Evaluates one cell's program over whole sample arrays: the tree is walked once per cell, and each operator runs a
 * tight loop over Float64Arrays (samples are index-aligned across cells, so `x - x` is exactly 0 everywhere).
 */
import { type Stream, streamFor } from "./random";
import type { Node, Position } from "./syntax";
import { bool, type CallSite, describeType, num, samples, type Value } from "./values";

export class CruxError extends Error {
  constructor(
    message: string,
    readonly at?: Position,
    readonly dependency?: string,
  ) {
    super(message);
  }
}

export type Limits = { maxDepth: number; deadline: number };

/** Everything one cell's evaluation needs; built by the notebook evaluator. */
export class CellContext {
  private readonly siteCounts = new Map<number, number>();
  private depth = 0;
  private steps = 0;

  constructor(
    readonly sampleCount: number,
    readonly seed: number,
    readonly cellId: string,
    private readonly limits: Limits,
  ) {}

  /** The random stream for a call site: keyed by the cell, the site's offset, and how often the site ran. */
  streamAt(site: CallSite): Stream {
    const offset = site.node.at.offset;
    const count = this.siteCounts.get(offset) ?? 0;
    this.siteCounts.set(offset, count + 1);
    return streamFor(this.seed, this.cellId, offset, count);
  }

  enter(at: Position): void {
    if (++this.depth > this.limits.maxDepth)
      throw new CruxError(
        `recursion deeper than ${this.limits.maxDepth} calls: is a function calling itself forever?`,
        at,
      );
    if ((++this.steps & 1023) === 0 && Date.now() > this.limits.deadline)
      throw new CruxError("this cell took too long to evaluate and was stopped", at);
  }

  leave(): void {
    this.depth--;
  }

  checkTime(at?: Position): void {
    if (Date.now() > this.limits.deadline)
      throw new CruxError("this cell took too long to evaluate and was stopped", at);
  }
}

export type Scope = { lookup(name: string): Value | undefined; names(): Iterable<string> };

export function scopeOf(values: Map<string, Value>, parent?: Scope): Scope {
  return {
    lookup: (name) => values.get(name) ?? parent?.lookup(name),
    names: function* () {
      yield* values.keys();
      if (parent) yield* parent.names();
    },
  };
}

export function evaluate(node: Node, scope: Scope, context: CellContext): Value {
  context.enter(node.at);
  try {
    return evaluateNode(node, scope, context);
  } finally {
    context.leave();
  }
}

function evaluateNode(node: Node, scope: Scope, context: CellContext): Value {
  switch (node.kind) {
    case "number":
      return num(node.value);
    case "string":
      return { type: "string", value: node.value };
    case "boolean":
      return bool(node.value);
    case "name": {
      const value = scope.lookup(node.name);
      if (!value) throw unknownName(node.name, node.at, scope);
      return value;
    }
    case "unary": {
      const operand = evaluate(node.operand, scope, context);
      return node.op === "-" ? map1(operand, (x) => -x, node.at) : not(operand, node.at);
    }
    case "binary":
      return binary(node.op, evaluate(node.left, scope, context), evaluate(node.right, scope, context), node);
    case "conditional":
      return conditional(node, scope, context);
    case "call": {
      const callee = evaluate(node.callee, scope, context);
      if (callee.type !== "function")
        throw new CruxError(`${describeType(callee)} cannot be called`, node.at);
      const args = node.args.map((arg) => evaluate(arg, scope, context));
      if (callee.arity !== undefined && args.length !== callee.arity)
        throw new CruxError(`${callee.name} takes ${callee.arity} argument(s), got ${args.length}`, node.at);
      return callee.call(args, { node });
    }
    case "member": {
      const object = evaluate(node.object, scope, context);
      if (object.type !== "record")
        throw new CruxError(`${describeType(object)} has no field '${node.field}'`, node.at);
      const value = object.fields.get(node.field);
      if (!value)
        throw unknownName(
          node.field,
          node.at,
          { lookup: () => undefined, names: () => object.fields.keys() },
          "field",
        );
      return value;
    }
    case "index":
      return indexInto(evaluate(node.object, scope, context), evaluate(node.index, scope, context), node.at);
    case "list":
      return { type: "list", items: node.items.map((item) => evaluate(item, scope, context)) };
    case "record":
      return {
        type: "record",
        fields: new Map(node.fields.map((field) => [field.key, evaluate(field.value, scope, context)])),
      };
    case "lambda":
      return lambda(node, scope, context);
    case "block": {
      const locals = new Map<string, Value>();
      const inner = scopeOf(locals, scope);
      for (const statement of node.statements)
        locals.set(statement.name, evaluate(statement.value, inner, context));
      return evaluate(node.result, inner, context);
    }
  }
}

function lambda(node: Extract<Node, { kind: "lambda" }>, scope: Scope, context: CellContext): Value {
  return {
    type: "function",
    name: "this function",
    arity: node.params.length,
    call: (args) => {
      const locals = new Map(node.params.map((param, i) => [param, args[i] as Value]));
      return evaluate(node.body, scopeOf(locals, scope), context);
    },
  };
}

function conditional(
  node: Extract<Node, { kind: "conditional" }>,
  scope: Scope,
  context: CellContext,
): Value {
  const test = evaluate(node.test, scope, context);
  if (test.type === "boolean") return evaluate(test.value ? node.then : node.otherwise, scope, context);
  if (test.type !== "samples")
    throw new CruxError(`a condition must be true or false, not ${describeType(test)}`, node.test.at);
  // An uncertain condition picks, sample by sample, between both branches.
  const then = evaluate(node.then, scope, context);
  const otherwise = evaluate(node.otherwise, scope, context);
  const data = new Float64Array(test.data.length);
  const a = asSamples(then, test.data.length, node.then.at);
  const b = asSamples(otherwise, test.data.length, node.otherwise.at);
  for (let i = 0; i < data.length; i++) data[i] = test.data[i] ? (a[i] as number) : (b[i] as number);
  const booleanResult = isBooleanish(then) && isBooleanish(otherwise);
  return samples(data, booleanResult);
}

const isBooleanish = (value: Value) =>
  value.type === "boolean" || (value.type === "samples" && value.boolean === true);

export function asSamples(value: Value, length: number, at?: Position): Float64Array {
  if (value.type === "samples") return value.data;
  if (value.type === "number" || value.type === "boolean")
    return new Float64Array(length).fill(Number(value.value));
  throw new CruxError(`expected a number or a distribution, got ${describeType(value)}`, at);
}

export function toNumberLike(value: Value, at?: Position): number | Float64Array {
  if (value.type === "number") return value.value;
  if (value.type === "boolean") return value.value ? 1 : 0;
  if (value.type === "samples") return value.data;
  throw new CruxError(`expected a number or a distribution, got ${describeType(value)}`, at);
}

/** Applies a function of one number, element-wise over samples. */
export function map1(value: Value, f: (x: number) => number, at?: Position): Value {
  if (value.type === "list") return { type: "list", items: value.items.map((item) => map1(item, f, at)) };
  const x = toNumberLike(value, at);
  if (typeof x === "number") return num(f(x));
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i] as number);
  return samples(out);
}

/** Applies a function of two numbers, broadcasting a number against samples. */
export function map2(
  a: Value,
  b: Value,
  f: (x: number, y: number) => number,
  at?: Position,
  boolean = false,
): Value {
  const x = toNumberLike(a, at);
  const y = toNumberLike(b, at);
  if (typeof x === "number" && typeof y === "number") return boolean ? bool(f(x, y) !== 0) : num(f(x, y));
  const length = typeof x === "number" ? (y as Float64Array).length : x.length;
  const out = new Float64Array(length);
  if (typeof x === "number") for (let i = 0; i < length; i++) out[i] = f(x, (y as Float64Array)[i] as number);
  else if (typeof y === "number") for (let i = 0; i < length; i++) out[i] = f(x[i] as number, y);
  else for (let i = 0; i < length; i++) out[i] = f(x[i] as number, y[i] as number);
  return samples(out, boolean);
}

const ARITHMETIC: Record<string, (x: number, y: number) => number> = {
  "+": (x, y) => x + y,
  "-": (x, y) => x - y,
  "*": (x, y) => x * y,
  "/": (x, y) => x / y,
  "^": (x, y) => x ** y,
};
const COMPARISON: Record<string, (x: number, y: number) => number> = {
  "<": (x, y) => +(x < y),
  "<=": (x, y) => +(x <= y),
  ">": (x, y) => +(x > y),
  ">=": (x, y) => +(x >= y),
  "==": (x, y) => +(x === y),
  "!=": (x, y) => +(x !== y),
  "&&": (x, y) => +(x !== 0 && y !== 0),
  "||": (x, y) => +(x !== 0 || y !== 0),
};

/**
 * Element-wise loops for the common operators, one small monomorphic function each: V8 compiles them to tight
 * machine loops, where a shared loop calling an operator function per element could not be inlined.
 */
type Kernel = (x: Float64Array, y: Float64Array, out: Float64Array) => void;
const KERNELS: Record<string, Kernel> = {
  "+": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) + (y[i] as number);
  },
  "-": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) - (y[i] as number);
  },
  "*": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) * (y[i] as number);
  },
  "/": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) / (y[i] as number);
  },
};

function applyKernel(kernel: Kernel, left: Value, right: Value, at: Position): Value {
  const x = toNumberLike(left, at);
  const y = toNumberLike(right, at);
  const length = typeof x === "number" ? (y as Float64Array).length : x.length;
  const out = new Float64Array(length);
  kernel(
    typeof x === "number" ? out.fill(x) : x,
    typeof y === "number" ? new Float64Array(length).fill(y) : y,
    out,
  );
  return samples(out);
}

export type ToOperator = (low: Value, high: Value, site: CallSite) => Value;
let toOperator: ToOperator | undefined;
/** `a to b` is defined with the distributions; they register it here to keep this module free of them. */
export function registerTo(operator: ToOperator): void {
  toOperator = operator;
}

function binary(op: string, left: Value, right: Value, node: Node): Value {
  if (op === "to") return (toOperator as ToOperator)(left, right, { node });
  if (op === "+" && left.type === "string") return { type: "string", value: left.value + display(right) };
  if ((op === "==" || op === "!=") && (left.type === "string" || right.type === "string")) {
    const same =
      left.type === right.type && left.type === "string" && left.value === (right as typeof left).value;
    return bool(op === "==" ? same : !same);
  }
  if (op === "+" && left.type === "list" && right.type === "list")
    return { type: "list", items: [...left.items, ...right.items] };
  if (op === "^" && right.type === "number") return map1(left, powerFunction(right.value), node.at);
  const kernel = KERNELS[op];
  if (kernel && (left.type === "samples" || right.type === "samples"))
    return applyKernel(kernel, left, right, node.at);
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) return map2(left, right, arithmetic, node.at);
  const comparison = COMPARISON[op];
  if (comparison) return map2(left, right, comparison, node.at, true);
  throw new CruxError(`unknown operator ${op}`, node.at);
}

/** x^p for a fixed p: common exponents avoid Math.pow, which is slow in tight loops. */
function powerFunction(p: number): (x: number) => number {
  if (p === 2) return (x) => x * x;
  if (p === 3) return (x) => x * x * x;
  if (p === 1) return (x) => x;
  if (p === 0.5) return (x) => (x >= 0 ? Math.sqrt(x) : Number.NaN);
  if (p === -1) return (x) => 1 / x;
  return (x) => x ** p;
}

function not(value: Value, at: Position): Value {
  const result = map1(value, (x) => +(x === 0), at);
  if (result.type === "number") return bool(result.value !== 0);
  return result.type === "samples" ? samples(result.data, true) : result;
}

function indexInto(object: Value, index: Value, at: Position): Value {
  if (object.type === "list" && index.type === "number") {
    const item = object.items[index.value];
    if (!item)
      throw new CruxError(`index ${index.value} is outside the list (length ${object.items.length})`, at);
    return item;
  }
  if (object.type === "record" && index.type === "string") {
    const value = object.fields.get(index.value);
    if (!value) throw new CruxError(`the record has no field '${index.value}'`, at);
    return value;
  }
  throw new CruxError(`cannot index ${describeType(object)} with ${describeType(index)}`, at);
}

function display(value: Value): string {
  if (value.type === "number" || value.type === "boolean" || value.type === "string")
    return String(value.value);
  return describeType(value);
}

export function unknownName(name: string, at: Position, scope: Scope, what = "name"): CruxError {
  const suggestion = closest(name, scope.names());
  return new CruxError(
    `unknown ${what} '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
    at,
  );
}

/** The known name with the smallest edit distance, when it is close enough to be a likely typo. */
function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
