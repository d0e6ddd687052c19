/**
 * The catalogue of built-in names, for autocompletion and help. Names come from the stdlib's own registry (the map
 * `createBuiltins` returns, namespaces walked one level), so the catalogue lists exactly what the evaluator resolves;
 * this file adds a signature and a one-line doc per name, and a test fails if the two ever disagree.
 */
import { CellContext } from "./evaluate";
import { createBuiltins } from "./stdlib";
import type { Value } from "./values";

export type CatalogEntry = { name: string; signature: string; doc: string };

type Doc = readonly [signature: string, doc: string];

const elementwise = (name: string, what: string): Doc => [`${name}(x)`, `${what}, sample by sample`];

const MATH_FUNCTIONS: Record<string, Doc> = {
  exp: elementwise("exp", "e to the power x"),
  log: elementwise("log", "Natural logarithm"),
  log10: elementwise("log10", "Base-10 logarithm"),
  log2: elementwise("log2", "Base-2 logarithm"),
  abs: elementwise("abs", "Absolute value"),
  floor: elementwise("floor", "Largest integer not above x"),
  ceil: elementwise("ceil", "Smallest integer not below x"),
  round: elementwise("round", "Nearest integer"),
  sqrt: elementwise("sqrt", "Square root"),
  pow: ["pow(x, y)", "x to the power y (same as x ^ y), sample by sample"],
  min: [
    "min(a, b, ...)",
    "Smallest of the arguments per sample; min(list) or min(dist) gives the smallest item",
  ],
  max: [
    "max(a, b, ...)",
    "Largest of the arguments per sample; max(list) or max(dist) gives the largest item",
  ],
};

const MATH_ONLY: Record<string, Doc> = {
  pi: ["Math.pi", "The constant π = 3.14159…"],
  e: ["Math.e", "The constant e = 2.71828…"],
  cbrt: elementwise("Math.cbrt", "Cube root"),
  sin: elementwise("Math.sin", "Sine (radians)"),
  cos: elementwise("Math.cos", "Cosine (radians)"),
  tan: elementwise("Math.tan", "Tangent (radians)"),
  asin: elementwise("Math.asin", "Arcsine, in radians"),
  acos: elementwise("Math.acos", "Arccosine, in radians"),
  atan: elementwise("Math.atan", "Arctangent, in radians"),
  sinh: elementwise("Math.sinh", "Hyperbolic sine"),
  cosh: elementwise("Math.cosh", "Hyperbolic cosine"),
  tanh: elementwise("Math.tanh", "Hyperbolic tangent"),
  sign: elementwise("Math.sign", "Sign: -1, 0 or 1"),
  trunc: elementwise("Math.trunc", "Integer part (rounds toward zero)"),
};

/** Math functions re-documented under their `Math.` name. */
const mathNamespaced = Object.fromEntries(
  Object.entries(MATH_FUNCTIONS).map(([name, [signature, doc]]) => [
    `Math.${name}`,
    [`Math.${signature}`, doc] as Doc,
  ]),
);

const DOCS: Record<string, Doc> = {
  normal: ["normal(mean, stdev)", "Normal distribution; also normal({p5, p95}) or normal({mean, stdev})"],
  lognormal: [
    "lognormal(mu, sigma)",
    "Lognormal with log-mean mu and log-stdev sigma; also lognormal({p5, p95}) or lognormal({mean, stdev})",
  ],
  uniform: ["uniform(low, high)", "Uniform distribution between low and high"],
  loguniform: ["loguniform(low, high)", "Uniform in log space between low and high (0 < low < high)"],
  beta: ["beta(alpha, beta)", "Beta distribution on [0, 1]"],
  triangular: ["triangular(min, mode, max)", "Triangular distribution"],
  pointMass: ["pointMass(x)", "A certain value x, as a distribution"],
  mixture: [
    "mixture(d1, d2, ..., [w1, w2, ...])",
    "Weighted mixture of distributions (equal weights when the list is left out)",
  ],
  mx: ["mx(d1, d2, ..., [w1, w2, ...])", "Short for mixture"],
  mean: ["mean(d)", "Mean of a distribution"],
  stdev: ["stdev(d)", "Standard deviation of a distribution"],
  variance: ["variance(d)", "Variance of a distribution"],
  quantile: ["quantile(d, p)", "The p-th quantile of d, 0 <= p <= 1"],
  inv: ["inv(d, p)", "Same as quantile(d, p)"],
  median: ["median(d)", "The 50th percentile of d"],
  cdf: ["cdf(d, v)", "Probability that d is at most v"],
  P: ["P(condition)", "Probability that a condition holds, e.g. P(r > 1)"],
  sample: ["sample(d)", "One random draw from d"],
  ...MATH_FUNCTIONS,
  Math: ["Math", "Math functions and constants: Math.sqrt, Math.pi, …"],
  ...mathNamespaced,
  ...Object.fromEntries(Object.entries(MATH_ONLY).map(([name, doc]) => [`Math.${name}`, doc])),
  List: ["List", "List functions: List.map, List.reduce, List.upTo, …"],
  "List.upTo": ["List.upTo(low, high)", "The integers from low to high, as a list"],
  "List.length": ["List.length(xs)", "Number of items in a list"],
  "List.map": ["List.map(xs, f)", "Applies f to each item (f may also take the index: {|x, i| ...})"],
  "List.reduce": ["List.reduce(xs, init, f)", "Folds a list: f(f(init, x1), x2) ..."],
  "List.sum": ["List.sum(xs)", "Sum of a list's items (numbers or distributions)"],
  "List.first": ["List.first(xs)", "First item of a list"],
  "List.last": ["List.last(xs)", "Last item of a list"],
  Sim: ["Sim", "Growth simulation: Sim.ode"],
  "Sim.ode": [
    "Sim.ode({ y0, t1, f, t0, dt })",
    "Integrates dy/dt = f(t, y) from t0 (default 0) to t1 per sample; y may be a record; reports blow-up times",
  ],
  Crux: ["Crux", "Crux extensions: estimate pooling"],
  "Crux.poolLinear": [
    "Crux.poolLinear([d1, d2], [w1, w2])",
    "Linear pooling: the weighted mixture of estimates",
  ],
  "Crux.poolGeometric": [
    "Crux.poolGeometric([d1, d2], [w1, w2])",
    "Geometric pooling: density proportional to the weighted product of the estimates' densities",
  ],
};

/** Every name the stdlib registers: top-level names and, for namespaces, `Namespace.member`. */
export function builtinNames(): string[] {
  const probe = new CellContext(1, 1, "", { maxDepth: 1, deadline: Number.POSITIVE_INFINITY });
  return [...createBuiltins(probe)].flatMap(([name, value]: [string, Value]) =>
    value.type === "record"
      ? [name, ...[...value.fields.keys()].map((member) => `${name}.${member}`)]
      : [name],
  );
}

let catalog: CatalogEntry[] | undefined;

/** Every built-in function, constant and namespace member, with its signature and a one-line doc. */
export function builtinCatalog(): CatalogEntry[] {
  catalog ??= builtinNames().map((name) => {
    const [signature, doc] = DOCS[name] ?? [name, ""];
    return { name, signature, doc };
  });
  return catalog.map((entry) => ({ ...entry }));
}

/** Documented names that the stdlib does not register (should be none; a test checks). */
export function documentedNames(): string[] {
  return Object.keys(DOCS);
}
