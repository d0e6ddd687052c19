/**
 * Evaluates one cell's program over whole sample arrays: the tree is walked once per cell, and each operator runs a
 * tight loop over Float64Arrays (samples are index-aligned across cells, so `x - x` is exactly 0 everywhere).
 */
import {
  BINARY_KERNELS,
  type BinaryKernel,
  COMPARE_WITH_CONSTANT,
  gather,
  negate,
  SCALAR_LEFT_KERNELS,
  SCALAR_RIGHT_KERNELS,
  type ScalarLeftKernel,
  type ScalarRightKernel,
  UNARY_KERNELS,
} from "./kernels";
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
  /** While set, evaluation runs on these sample indices only (see `withLanes`). */
  private lanes: Int32Array | undefined;
  private restricted = new Map<Float64Array, Float64Array>();
  /**
   * The last `withLanes` call's lanes and restricted values: a growth simulation calls it once per stage with the
   * same lanes, and names read in f are then gathered once per step rather than once per stage.
   */
  private laneCache:
    | {
        given: Int32Array;
        outer: Int32Array | undefined;
        lanes: Int32Array;
        restricted: Map<Float64Array, Float64Array>;
      }
    | undefined;

  constructor(
    private readonly fullSampleCount: number,
    readonly seed: number,
    readonly cellId: string,
    private readonly limits: Limits,
  ) {}

  /** How many samples a value computed now has: all of them, or the lanes' count inside `withLanes`. */
  get sampleCount(): number {
    return this.lanes ? this.lanes.length : this.fullSampleCount;
  }

  /**
   * Runs `run` on a subset of the samples (indices into the current ones): names then read their samples at those
   * indices only, so work such as a growth simulation's right-hand side costs only the samples still being integrated.
   */
  withLanes<T>(lanes: Int32Array, run: () => T): T {
    const [outerLanes, outerRestricted] = [this.lanes, this.restricted];
    const cache = this.laneCache;
    const entry =
      cache?.given === lanes && cache.outer === outerLanes
        ? cache
        : {
            given: lanes,
            outer: outerLanes,
            lanes: outerLanes ? lanes.map((i) => outerLanes[i] as number) : lanes,
            restricted: new Map<Float64Array, Float64Array>(),
          };
    this.laneCache = entry;
    this.lanes = entry.lanes;
    this.restricted = entry.restricted;
    try {
      return run();
    } finally {
      this.lanes = outerLanes;
      this.restricted = outerRestricted;
    }
  }

  /** A value read by name, restricted to the current lanes (unchanged outside `withLanes`). */
  restrict(value: Value): Value {
    const lanes = this.lanes;
    if (!lanes) return value;
    switch (value.type) {
      case "samples": {
        if (value.data.length !== this.fullSampleCount) return value;
        let data = this.restricted.get(value.data);
        if (!data) {
          const full = value.data;
          data = gather(full, lanes);
          this.restricted.set(full, data);
        }
        return samples(data, value.boolean);
      }
      case "list":
        return { type: "list", items: value.items.map((item) => this.restrict(item)) };
      case "record":
        return {
          type: "record",
          fields: new Map([...value.fields].map(([key, field]) => [key, this.restrict(field)])),
        };
      default:
        return value;
    }
  }

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
      return context.restrict(value);
    }
    case "unary": {
      const { value, temporary } = operand(node.operand, scope, context);
      return node.op === "-" ? map1(value, negate, node.at, temporary) : not(value, node.at);
    }
    case "binary":
      return binary(node, operand(node.left, scope, context), operand(node.right, scope, context));
    case "conditional":
      return conditional(node, scope, context);
    case "call":
      return call(node, scope, context).value;
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

/**
 * A child's value, and whether it is a temporary: a sample array just computed by an operator or an element-wise
 * built-in, which nothing else holds, so the parent may write its result into it instead of allocating.
 */
type Operand = { value: Value; temporary: boolean };

function operand(node: Node, scope: Scope, context: CellContext): Operand {
  if (node.kind !== "call")
    return {
      value: evaluate(node, scope, context),
      temporary: node.kind === "unary" || (node.kind === "binary" && node.op !== "to"),
    };
  context.enter(node.at);
  try {
    return call(node, scope, context);
  } finally {
    context.leave();
  }
}

function call(node: Extract<Node, { kind: "call" }>, scope: Scope, context: CellContext): Operand {
  const callee = evaluate(node.callee, scope, context);
  if (callee.type !== "function") throw new CruxError(`${describeType(callee)} cannot be called`, node.at);
  const operands = node.args.map((arg) => operand(arg, scope, context));
  if (callee.arity !== undefined && operands.length !== callee.arity)
    throw new CruxError(`${callee.name} takes ${callee.arity} argument(s), got ${operands.length}`, node.at);
  const args = operands.map((argument) => argument.value);
  if (!callee.elementwise) return { value: callee.call(args, { node }), temporary: false };
  const temporaries = operands.map((argument) => argument.temporary);
  return { value: callee.call(args, { node, temporaries }), temporary: true };
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

/** Applies a function of one number, element-wise over samples (into `value`'s own array if it is a temporary). */
export function map1(value: Value, f: (x: number) => number, at?: Position, temporary = false): Value {
  if (value.type === "list") return { type: "list", items: value.items.map((item) => map1(item, f, at)) };
  const x = toNumberLike(value, at);
  if (typeof x === "number") return num(f(x));
  const out = temporary ? x : new Float64Array(x.length);
  const kernel = UNARY_KERNELS.get(f);
  if (kernel) kernel(x, out);
  else for (let i = 0; i < x.length; i++) out[i] = f(x[i] as number);
  return samples(out);
}

/** Samples combined index by index must be index-aligned; a mismatch would be a bug, never a silent result. */
function checkLengths(x: number | Float64Array, y: number | Float64Array, at?: Position): void {
  if (typeof x !== "number" && typeof y !== "number" && x.length !== y.length)
    throw new CruxError(`cannot combine ${x.length} samples with ${y.length} samples`, at);
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
  checkLengths(x, y, at);
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

/** An arithmetic operator over samples through its kernel, writing into a temporary operand where there is one. */
function applyKernel(op: string, left: Operand, right: Operand, at: Position): Value {
  const x = toNumberLike(left.value, at);
  const y = toNumberLike(right.value, at);
  checkLengths(x, y, at);
  if (typeof x === "number") {
    const out = right.temporary ? (y as Float64Array) : new Float64Array((y as Float64Array).length);
    (SCALAR_LEFT_KERNELS[op] as ScalarLeftKernel)(x, y as Float64Array, out);
    return samples(out);
  }
  const out = left.temporary ? x : typeof y !== "number" && right.temporary ? y : new Float64Array(x.length);
  if (typeof y === "number") (SCALAR_RIGHT_KERNELS[op] as ScalarRightKernel)(x, y, out);
  else (BINARY_KERNELS[op] as BinaryKernel)(x, y, out);
  return samples(out);
}

export type ToOperator = (low: Value, high: Value, site: CallSite) => Value;
let toOperator: ToOperator | undefined;
/** `a to b` is defined with the distributions; they register it here to keep this module free of them. */
export function registerTo(operator: ToOperator): void {
  toOperator = operator;
}

function binary(node: Extract<Node, { kind: "binary" }>, leftOperand: Operand, rightOperand: Operand): Value {
  const { op } = node;
  const [left, right] = [leftOperand.value, rightOperand.value];
  if (op === "to") return (toOperator as ToOperator)(left, right, { node });
  if (op === "+" && left.type === "string") return { type: "string", value: left.value + display(right) };
  if ((op === "==" || op === "!=") && (left.type === "string" || right.type === "string")) {
    const same =
      left.type === right.type && left.type === "string" && left.value === (right as typeof left).value;
    return bool(op === "==" ? same : !same);
  }
  if (op === "+" && left.type === "list" && right.type === "list")
    return { type: "list", items: [...left.items, ...right.items] };
  if (op in BINARY_KERNELS && (left.type === "samples" || right.type === "samples"))
    return applyKernel(op, leftOperand, rightOperand, node.at);
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) return map2(left, right, arithmetic, node.at);
  const compareWithConstant = COMPARE_WITH_CONSTANT[op];
  if (compareWithConstant && left.type === "samples" && right.type === "number") {
    const out = leftOperand.temporary ? left.data : new Float64Array(left.data.length);
    compareWithConstant(left.data, right.value, out);
    return samples(out, true);
  }
  const comparison = COMPARISON[op];
  if (comparison) return map2(left, right, comparison, node.at, true);
  throw new CruxError(`unknown operator ${op}`, node.at);
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
