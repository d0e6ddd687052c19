/**
 * The built-in names of the Crux language: distributions, sample-wise math, summaries, lists, and the `Math`,
 * `List`, `Sim` and `Crux` namespaces. Built per cell, because random draws belong to the cell's streams.
 */
import { asSamples, type CellContext, CruxError, map1, map2, registerTo, toNumberLike } from "./evaluate";
import { odeFunction } from "./ode";
import { geometricPool, linearPool } from "./pooling";
import type { Stream } from "./random";
import { meanOf, quantileOf, stdevOf } from "./statistics";
import type { Position } from "./syntax";
import { type CallSite, describeType, num, samples, type Value } from "./values";

const Z95 = 1.6448536269514722; // standard normal 95th percentile: `a to b` puts a and b at p5 and p95

type Builtin = (args: Value[], site: CallSite) => Value;

export function createBuiltins(context: CellContext): Map<string, Value> {
  const fn = (name: string, call: Builtin, arity?: number): Value => ({
    type: "function",
    name,
    call,
    ...(arity === undefined ? {} : { arity }),
  });
  const draw = (
    site: CallSite,
    parameters: Value[],
    sampler: (stream: Stream, p: number[]) => number,
  ): Value => {
    const stream = context.streamAt(site);
    const n = context.sampleCount;
    const columns = parameters.map((value) => toNumberLike(value, site.node.at));
    const p = new Array<number>(columns.length);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < columns.length; k++) {
        const column = columns[k] as number | Float64Array;
        p[k] = typeof column === "number" ? column : (column[i] as number);
      }
      out[i] = sampler(stream, p);
    }
    return samples(out);
  };
  const at = (site: CallSite) => site.node.at;
  /** mean + scale * Z for constant parameters, in one tight loop; `exp` of it for lognormals. */
  const affineNormal = (site: CallSite, mean: number, scale: number, exponentiate = false): Value => {
    const out = context.streamAt(site).fillNormal(new Float64Array(context.sampleCount));
    if (exponentiate)
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(mean + scale * (out[i] as number));
    else for (let i = 0; i < out.length; i++) out[i] = mean + scale * (out[i] as number);
    return samples(out);
  };

  const normal: Builtin = (args, site) => {
    const record = recordArgument(args);
    if (record) {
      if (record.has("p5") && record.has("p95")) {
        const [p5, p95] = numbers(record, ["p5", "p95"], site) as [number, number];
        return affineNormal(site, (p5 + p95) / 2, (p95 - p5) / (2 * Z95));
      }
      const [mean, stdev] = numbers(record, ["mean", "stdev"], site) as [number, number];
      return affineNormal(site, mean, stdev);
    }
    if (args.length === 2 && args[0]?.type === "number" && args[1]?.type === "number")
      return affineNormal(site, args[0].value, args[1].value);
    expectArity("normal", args, 2, site);
    return draw(site, args, (s, [mean, stdev]) => (mean as number) + (stdev as number) * s.normal());
  };
  const lognormal: Builtin = (args, site) => {
    const record = recordArgument(args);
    if (record) {
      const [mu, sigma] = record.has("p5")
        ? lognormalFromPercentiles(record, site)
        : lognormalFromMoments(record, site);
      return affineNormal(site, mu, sigma, true);
    }
    if (args.length === 2 && args[0]?.type === "number" && args[1]?.type === "number")
      return affineNormal(site, args[0].value, args[1].value, true);
    expectArity("lognormal", args, 2, site);
    return draw(site, args, (s, [mu, sigma]) => Math.exp((mu as number) + (sigma as number) * s.normal()));
  };
  const to = (low: Value, high: Value, site: CallSite): Value => {
    const a = scalar(low, "the left side of 'to'", site);
    const b = scalar(high, "the right side of 'to'", site);
    if (!(a < b)) throw new CruxError(`in 'a to b', a must be less than b (got ${a} to ${b})`, at(site));
    if (a > 0) {
      return affineNormal(
        site,
        (Math.log(a) + Math.log(b)) / 2,
        (Math.log(b) - Math.log(a)) / (2 * Z95),
        true,
      );
    }
    // Squiggle refuses a <= 0; Crux gives the normal with a and b as its 5th and 95th percentiles.
    return affineNormal(site, (a + b) / 2, (b - a) / (2 * Z95));
  };
  registerTo(to);

  const builtins: [string, Value][] = [
    ["normal", fn("normal", normal)],
    ["lognormal", fn("lognormal", lognormal)],
    [
      "uniform",
      fn(
        "uniform",
        (args, site) =>
          draw(site, args, (s, [a, b]) => (a as number) + ((b as number) - (a as number)) * s.uniform()),
        2,
      ),
    ],
    [
      "loguniform",
      fn(
        "loguniform",
        (args, site) => {
          const [low, high] = args.map((arg) => scalar(arg, "loguniform's bounds", site)) as [number, number];
          if (!(low > 0 && low < high)) throw new CruxError("loguniform needs 0 < low < high", at(site));
          return draw(site, [], (s) => low * (high / low) ** s.uniform());
        },
        2,
      ),
    ],
    [
      "beta",
      fn("beta", (args, site) => draw(site, args, (s, [a, b]) => betaDraw(s, a as number, b as number)), 2),
    ],
    [
      "triangular",
      fn(
        "triangular",
        (args, site) =>
          draw(site, args, (s, [a, c, b]) =>
            triangularDraw(s.uniform(), a as number, c as number, b as number),
          ),
        3,
      ),
    ],
    [
      "pointMass",
      fn(
        "pointMass",
        (args, site) =>
          samples(new Float64Array(context.sampleCount).fill(scalar(args[0] as Value, "pointMass", site))),
        1,
      ),
    ],
    ["mixture", fn("mixture", (args, site) => mixture(args, site, context))],
    ["mx", fn("mx", (args, site) => mixture(args, site, context))],
    // Summaries of a distribution.
    ["mean", fn("mean", ([d]) => num(meanOf(data(d))), 1)],
    ["stdev", fn("stdev", ([d]) => num(stdevOf(data(d))), 1)],
    ["variance", fn("variance", ([d]) => num(stdevOf(data(d)) ** 2), 1)],
    ["quantile", fn("quantile", ([d, p], site) => num(quantileOf(data(d), probability(p, site))), 2)],
    ["inv", fn("inv", ([d, p], site) => num(quantileOf(data(d), probability(p, site))), 2)],
    ["median", fn("median", ([d]) => num(quantileOf(data(d), 0.5)), 1)],
    [
      "cdf",
      fn("cdf", ([d, v], site) => num(fractionBelow(data(d), scalar(v as Value, "cdf's value", site))), 2),
    ],
    ["P", fn("P", ([condition], site) => num(probabilityOf(condition as Value, site)), 1)],
    [
      "sample",
      fn(
        "sample",
        ([d], site) => {
          const values = data(d);
          return num(values[Math.floor(context.streamAt(site).uniform() * values.length)] as number);
        },
        1,
      ),
    ],
    ...mathFunctions(fn),
    ["Math", record(mathNamespace(fn))],
    ["List", record(listNamespace(fn, context))],
    ["Sim", record([["ode", fn("Sim.ode", (args, site) => odeFunction(args, site, context), 1)]])],
    [
      "Crux",
      record([
        ["poolLinear", fn("Crux.poolLinear", (args, site) => linearPool(args, site, context))],
        ["poolGeometric", fn("Crux.poolGeometric", (args, site) => geometricPool(args, site, context))],
      ]),
    ],
  ];
  return new Map(builtins);

  function data(value: Value | undefined): Float64Array {
    if (value?.type === "samples") return value.data;
    if (value?.type === "number") return Float64Array.of(value.value);
    throw new CruxError(`expected a distribution, got ${value ? describeType(value) : "nothing"}`);
  }
}

const record = (entries: [string, Value][]): Value => ({ type: "record", fields: new Map(entries) });

/** A one-argument math function applied sample by sample, writing into its argument when that is a temporary. */
function elementwise(name: string, f: (x: number) => number): Value {
  return {
    type: "function",
    name,
    arity: 1,
    elementwise: true,
    call: ([x], site) => map1(x as Value, f, site.node.at, site.temporaries?.[0] === true),
  };
}

function mathFunctions(fn: (name: string, call: Builtin, arity?: number) => Value): [string, Value][] {
  const unary: [string, (x: number) => number][] = [
    ["exp", Math.exp],
    ["log", Math.log],
    ["log10", Math.log10],
    ["log2", Math.log2],
    ["abs", Math.abs],
    ["floor", Math.floor],
    ["ceil", Math.ceil],
    ["round", Math.round],
    ["sqrt", Math.sqrt],
  ];
  return [
    ...unary.map(([name, f]): [string, Value] => [name, elementwise(name, f)]),
    ["pow", fn("pow", ([x, y], site) => map2(x as Value, y as Value, (a, b) => a ** b, site.node.at), 2)],
    ["min", fn("min", (args, site) => extreme(args, Math.min, site))],
    ["max", fn("max", (args, site) => extreme(args, Math.max, site))],
  ];
}

function mathNamespace(fn: (name: string, call: Builtin, arity?: number) => Value): [string, Value][] {
  const names = [
    "sqrt",
    "cbrt",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "exp",
    "log",
    "log10",
    "log2",
    "abs",
    "floor",
    "ceil",
    "round",
    "sign",
    "trunc",
  ] as const;
  return [
    ["pi", num(Math.PI)],
    ["e", num(Math.E)],
    ...names.map((name): [string, Value] => {
      const f = Math[name] as (x: number) => number;
      return [name, elementwise(`Math.${name}`, f)];
    }),
    [
      "pow",
      fn("Math.pow", ([x, y], site) => map2(x as Value, y as Value, (a, b) => a ** b, site.node.at), 2),
    ],
    ["min", fn("Math.min", (args, site) => extreme(args, Math.min, site))],
    ["max", fn("Math.max", (args, site) => extreme(args, Math.max, site))],
  ];
}

function listNamespace(
  fn: (name: string, call: Builtin, arity?: number) => Value,
  context: CellContext,
): [string, Value][] {
  const list = (value: Value | undefined, site: CallSite): Value[] => {
    if (value?.type !== "list")
      throw new CruxError(`expected a list, got ${value ? describeType(value) : "nothing"}`, site.node.at);
    return value.items;
  };
  const callable = (value: Value | undefined, site: CallSite) => {
    if (value?.type !== "function")
      throw new CruxError("expected a function such as {|x| x * 2}", site.node.at);
    return value;
  };
  return [
    [
      "upTo",
      fn(
        "List.upTo",
        ([a, b], site) => {
          const low = scalar(a as Value, "List.upTo's start", site);
          const high = scalar(b as Value, "List.upTo's end", site);
          if (high - low > 1_000_000)
            throw new CruxError("List.upTo would make more than a million items", site.node.at);
          const items: Value[] = [];
          for (let x = Math.ceil(low); x <= high; x++) items.push(num(x));
          return { type: "list", items };
        },
        2,
      ),
    ],
    ["length", fn("List.length", ([xs], site) => num(list(xs, site).length), 1)],
    [
      "map",
      fn(
        "List.map",
        ([xs, f], site) => {
          const g = callable(f, site);
          return {
            type: "list",
            items: list(xs, site).map((x, i) => {
              context.checkTime(site.node.at);
              return g.call(g.arity === 2 ? [x, num(i)] : [x], site);
            }),
          };
        },
        2,
      ),
    ],
    [
      "reduce",
      fn(
        "List.reduce",
        ([xs, init, f], site) => {
          const g = callable(f, site);
          return list(xs, site).reduce((acc, x) => {
            context.checkTime(site.node.at);
            return g.call([acc, x], site);
          }, init as Value);
        },
        3,
      ),
    ],
    [
      "sum",
      fn(
        "List.sum",
        ([xs], site) =>
          list(xs, site).reduce((acc, x) => map2(acc, x, (a, b) => a + b, site.node.at), num(0)),
        1,
      ),
    ],
    ["first", fn("List.first", ([xs], site) => list(xs, site)[0] ?? num(Number.NaN), 1)],
    ["last", fn("List.last", ([xs], site) => list(xs, site).at(-1) ?? num(Number.NaN), 1)],
  ];
}

// ---- Helpers

function expectArity(name: string, args: Value[], arity: number, site: CallSite): void {
  if (args.length !== arity)
    throw new CruxError(`${name} takes ${arity} arguments, got ${args.length}`, site.node.at);
}

function recordArgument(args: Value[]): Map<string, Value> | undefined {
  const [first] = args;
  return args.length === 1 && first?.type === "record" ? first.fields : undefined;
}

function numbers(fields: Map<string, Value>, keys: string[], site: CallSite): number[] {
  return keys.map((key) => {
    const value = fields.get(key);
    if (!value) throw new CruxError(`expected a record with ${keys.join(" and ")}`, site.node.at);
    return scalar(value, key, site);
  });
}

function lognormalFromPercentiles(fields: Map<string, Value>, site: CallSite): [number, number] {
  const [p5, p95] = numbers(fields, ["p5", "p95"], site) as [number, number];
  if (!(p5 > 0 && p5 < p95)) throw new CruxError("lognormal({p5, p95}) needs 0 < p5 < p95", site.node.at);
  return [(Math.log(p5) + Math.log(p95)) / 2, (Math.log(p95) - Math.log(p5)) / (2 * Z95)];
}

function lognormalFromMoments(fields: Map<string, Value>, site: CallSite): [number, number] {
  const [mean, stdev] = numbers(fields, ["mean", "stdev"], site) as [number, number];
  if (!(mean > 0 && stdev > 0))
    throw new CruxError("lognormal({mean, stdev}) needs a positive mean and stdev", site.node.at);
  const sigma2 = Math.log(1 + (stdev / mean) ** 2);
  return [Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)];
}

export function scalar(value: Value, what: string, site: CallSite | Position | undefined): number {
  if (value.type === "number") return value.value;
  const at = site && "node" in site ? site.node.at : site;
  throw new CruxError(`${what} must be a plain number, not ${describeType(value)}`, at);
}

function probability(value: Value | undefined, site: CallSite): number {
  const p = scalar(value ?? num(Number.NaN), "the probability", site);
  if (!(p >= 0 && p <= 1))
    throw new CruxError(`a probability must be between 0 and 1, got ${p}`, site.node.at);
  return p;
}

function probabilityOf(condition: Value, site: CallSite): number {
  if (condition.type === "boolean") return condition.value ? 1 : 0;
  if (condition.type === "samples") return meanOf(condition.data);
  throw new CruxError(
    `P(...) takes a condition such as P(r > 1), not ${describeType(condition)}`,
    site.node.at,
  );
}

function fractionBelow(values: Float64Array, threshold: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) <= threshold) count++;
  return count / values.length;
}

/** min/max of a list, of a distribution's samples, or element-wise of several arguments. */
function extreme(args: Value[], pick: (a: number, b: number) => number, site: CallSite): Value {
  const [first] = args;
  if (args.length === 1 && first?.type === "list") return extreme(first.items, pick, site);
  if (args.length === 1 && first?.type === "samples") return num(first.data.reduce(pick));
  if (args.length === 0) throw new CruxError("min and max need at least one value", site.node.at);
  return args.slice(1).reduce((acc, x) => map2(acc, x, pick, site.node.at), first as Value);
}

function mixture(args: Value[], site: CallSite, context: CellContext): Value {
  const last = args.at(-1);
  const hasWeights = args.length > 1 && last?.type === "list";
  const components = hasWeights ? args.slice(0, -1) : args;
  if (components.length === 0) throw new CruxError("mixture needs at least one distribution", site.node.at);
  const weights = hasWeights
    ? (last as Extract<Value, { type: "list" }>).items.map((w) => scalar(w, "a mixture weight", site))
    : components.map(() => 1);
  if (weights.length !== components.length)
    throw new CruxError(
      `mixture has ${components.length} distributions but ${weights.length} weights`,
      site.node.at,
    );
  return pickPerSample(components, weights, site, context);
}

/** Per sample, one component chosen with probability proportional to its weight: index alignment is kept. */
export function pickPerSample(
  components: Value[],
  weights: number[],
  site: CallSite,
  context: CellContext,
): Value {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0) || weights.some((w) => w < 0))
    throw new CruxError("weights must be non-negative and not all zero", site.node.at);
  const columns = components.map((component) => asSamples(component, context.sampleCount, site.node.at));
  const cumulative = weights.map(
    (
      (sum) => (w: number) =>
        (sum += w / total)
    )(0),
  );
  const stream = context.streamAt(site);
  const out = new Float64Array(context.sampleCount);
  for (let i = 0; i < out.length; i++) {
    const u = stream.uniform();
    let k = 0;
    while (k < cumulative.length - 1 && u > (cumulative[k] as number)) k++;
    out[i] = (columns[k] as Float64Array)[i] as number;
  }
  return samples(out);
}

function triangularDraw(u: number, a: number, c: number, b: number): number {
  const split = (c - a) / (b - a);
  return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/** Marsaglia–Tsang gamma sampler (with the boost for shape < 1), then beta = X / (X + Y). */
function gammaDraw(stream: Stream, shape: number): number {
  if (shape < 1) return gammaDraw(stream, shape + 1) * stream.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = stream.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = stream.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function betaDraw(stream: Stream, a: number, b: number): number {
  if (!(a > 0 && b > 0)) return Number.NaN;
  const x = gammaDraw(stream, a);
  return x / (x + gammaDraw(stream, b));
}
