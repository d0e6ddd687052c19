import type { Statistic } from "./monte-carlo-error";

/**
 * How a case's Crux value is compared with Squiggle's:
 * - "exact": numbers, booleans, lists and records, equal up to floating-point rounding;
 * - "distribution": mean, stdev and the 5/25/50/75/95th percentiles, within Monte Carlo error;
 * - "error": both refuse the expression;
 * - a summary: a number estimated from a distribution (`of`), within the Monte Carlo error of that statistic.
 */
export type Comparison = "exact" | "distribution" | "error" | { statistic: Statistic; of: string };

export type DifferentialCase = {
  title: string;
  /** The cell's source in Crux. */
  crux: string;
  /** Squiggle's equivalent, when Crux's text is not valid Squiggle or means something else there. */
  squiggle?: string;
  /**
   * Why Crux intentionally differs from Squiggle on `crux` (LANGUAGE.md); the test then also checks that Squiggle
   * refuses `crux`, so the difference is real, and compares with the equivalent `squiggle` program.
   */
  intentionalDifference?: string;
  /** Named cells the case reads, in order; Squiggle sees them as definitions before the expression. */
  cells?: [name: string, source: string][];
  compare: Comparison;
};

const exact = (title: string, crux: string, squiggle?: string): DifferentialCase => ({
  title,
  crux,
  compare: "exact",
  ...(squiggle === undefined ? {} : { squiggle }),
});

const distribution = (title: string, crux: string, cells?: DifferentialCase["cells"]): DifferentialCase => ({
  title,
  crux,
  compare: "distribution",
  ...(cells === undefined ? {} : { cells }),
});

const summary = (
  title: string,
  crux: string,
  statistic: Statistic,
  of: string,
  cells?: DifferentialCase["cells"],
): DifferentialCase => ({
  title,
  crux,
  compare: { statistic, of },
  ...(cells === undefined ? {} : { cells }),
});

const arithmetic: DifferentialCase[] = [
  exact("precedence of + - * /", "1 + 2 * 3 - 4 / 8"),
  exact("^ is right-associative", "2 ^ 3 ^ 2"),
  exact("parenthesised ^", "(2 ^ 3) ^ 2"),
  exact("^ binds tighter than *", "2 * 3 ^ 2"),
  exact("/ is left-associative", "10 / 2 / 5"),
  exact("- is left-associative", "2 - 3 - 4"),
  exact("unary minus binds tighter than ^ (as in Squiggle)", "-2 ^ 2"),
  exact("suffixes k M B", "2.5k + 1M / 1B"),
  exact("suffixes % T", "5% * 1T"),
  exact("suffixes n m G P", "3n * 1G + 2m * 1P"),
  exact("exponent notation", "1e29 / 1e27"),
  exact("digit separators (a Crux addition)", "1_000_000 * 3", "1000000 * 3"),
  exact("comments", "1 + /* two */ 2 // trailing"),
  exact("comparisons and &&", "3 < 4 && 4 <= 4 && 5 >= 5 && 6 > 5"),
  exact("|| ! !=", "3 > 4 || !(2 != 2)"),
  exact("== on numbers", "1 == 1.0"),
  exact("ternary", "3 > 2 ? 10 : 20"),
  exact("if then else", "if 1 > 2 then 5 else 6"),
];

const functionsAndData: DifferentialCase[] = [
  exact("definitions then a final expression", "x = 3\ny = x ^ 2\ny + 1"),
  exact("a braced block", "{\n  a = 2\n  b = a * 3\n  a + b\n}"),
  exact("a user function of two arguments", "f(x, y) = x * y + 1\nf(3, 4)"),
  exact("a lambda applied twice", "g = {|x| x + 1}\ng(g(1))"),
  exact("List.map", "List.map([1, 2, 3], {|x| x * 2})"),
  exact("List.reduce", "List.reduce([1, 2, 3, 4], 0, {|acc, x| acc + x})"),
  exact("List.upTo", "List.upTo(1, 5)"),
  exact("List.length", "List.length(List.upTo(3, 9))"),
  exact("List.map over List.upTo with ^", "List.map(List.upTo(1, 4), {|i| i ^ 2})"),
  exact("a record", "{a: 1 + 1, b: true}"),
  exact("nested record access", "r = {a: 1, b: {c: 3}}\nr.b.c"),
  exact("exp", "exp(1)"),
  exact("log", "log(10)"),
  exact("log10 and log2", "log10(1000) + log2(8)"),
  exact("abs floor ceil round", "[abs(-3), floor(2.7), ceil(2.1), round(-2.4)]"),
  exact("round halves upwards, as JavaScript and Squiggle do", "[round(2.5), round(-2.5)]"),
  exact("division by zero and log(0) are infinite", "[1 / 0, log(0)]"),
  exact("min max", "[min(3, 1), max(3, 1)]"),
  exact("Math.sqrt Math.pi Math.e", "Math.sqrt(16) + Math.pi + Math.e"),
  exact("pow", "pow(2, 10)"),
  exact("mean of a point mass", "mean(pointMass(3))"),
];

const distributions: DifferentialCase[] = [
  distribution("1 to 10", "1 to 10"),
  distribution("0.1 to 100", "0.1 to 100"),
  distribution("1k to 1M", "1k to 1M"),
  distribution("normal", "normal(5, 2)"),
  distribution("lognormal", "lognormal(1, 0.5)"),
  distribution("uniform across zero", "uniform(-2, 3)"),
  distribution("beta", "beta(2, 5)"),
  distribution("U-shaped beta", "beta(0.5, 0.5)"),
  distribution("triangular", "triangular(1, 2, 5)"),
  distribution("pointMass", "pointMass(3)"),
  distribution("weighted mixture", "mixture(normal(0, 1), normal(5, 1), [0.3, 0.7])"),
  distribution("equal-weight mixture", "mixture(1 to 3, 10 to 30)"),
  // The cdf jumps at 0.4 only: every compared percentile is far from it.
  distribution("mixture of point masses", "mixture(pointMass(1), pointMass(2), [0.4, 0.6])"),
  distribution("normal({p5, p95})", "normal({p5: 10, p95: 20})"),
  distribution("lognormal({p5, p95})", "lognormal({p5: 2, p95: 50})"),
  distribution("lognormal({mean, stdev})", "lognormal({mean: 5, stdev: 2})"),
  distribution("heavy-tailed lognormal({mean, stdev})", "lognormal({mean: 100, stdev: 300})"),
  distribution("to binds looser than + and *", "1 + 1 to 2 * 3"),
  distribution("unary minus of a distribution", "-normal(5, 1)"),
  distribution("affine map of a normal", "normal(5, 2) * 3 + 1"),
  distribution("product of two ranges", "(1 to 10) * (2 to 5)"),
  distribution("a range squared", "(1 to 10) ^ 2"),
  distribution("a distribution to a distribution's power", "(2 to 3) ^ (1 to 2)"),
  distribution("a product, then a difference", "uniform(1, 3) * (2 to 4) - 1"),
  distribution("a number to a distribution's power", "2 ^ normal(1, 0.5)"),
  distribution("exp of a distribution", "exp(normal(0, 0.5))"),
  distribution("log of a range", "log(1 to 100)"),
  distribution("log of a normal", "log(normal(10, 1))"),
  distribution("reciprocal", "1 / uniform(1, 2)"),
  distribution("difference of independent draws", "normal(0, 1) - normal(0, 1)"),
  distribution("max of a distribution and a number", "max(normal(0, 1), 0)"),
  distribution("min of a range and a number", "min(1 to 10, 5)"),
  distribution("a block building a distribution", "k = 2 to 4\nm = k ^ 2\nm / k"),
  distribution("a user function applied to a distribution", "h(x) = x * 2 + 1\nh(normal(0, 1))"),
  distribution("a ternary choosing a distribution", "1 > 0 ? normal(0, 1) : uniform(0, 1)"),
  distribution(
    "independent draws summed in List.reduce",
    "List.reduce(List.upTo(1, 5), 0, {|acc, i| acc + normal(i, 1)})",
  ),
  distribution("x - x across cells is exactly 0", "dx_a - dx_a", [["dx_a", "1 to 10"]]),
  distribution("x / x across cells is exactly 1", "dx_b / dx_b", [["dx_b", "normal(10, 2)"]]),
  distribution("a chain across cells keeps the draws", "dx_d - dx_c", [
    ["dx_c", "2 to 8"],
    ["dx_d", "dx_c * 2"],
  ]),
];

const summaries: DifferentialCase[] = [
  summary("mean", "mean(normal(5, 2))", { name: "mean" }, "normal(5, 2)"),
  summary("stdev", "stdev(lognormal(0, 0.5))", { name: "stdev" }, "lognormal(0, 0.5)"),
  summary("variance", "variance(uniform(0, 12))", { name: "variance" }, "uniform(0, 12)"),
  summary("quantile", "quantile(1 to 10, 0.9)", { name: "quantile", p: 0.9 }, "1 to 10"),
  summary("median", "median(1 to 10)", { name: "quantile", p: 0.5 }, "1 to 10"),
  summary("inv", "inv(normal(0, 1), 0.3)", { name: "quantile", p: 0.3 }, "normal(0, 1)"),
  summary("cdf", "cdf(normal(0, 1), 1)", { name: "cdf", at: 1 }, "normal(0, 1)"),
  summary(
    "mean of a mixture of a range and a number",
    "mean(mixture(1 to 2, 5))",
    { name: "mean" },
    "mixture(1 to 2, 5)",
  ),
  summary("mean of a cell read from another cell", "mean(dx_e * 2)", { name: "mean" }, "dx_e * 2", [
    ["dx_e", "3 to 30"],
  ]),
  {
    title: "P(cond) (a Crux addition) equals Squiggle's 1 - cdf",
    crux: "P(normal(0, 1) > 1)",
    squiggle: "1 - cdf(normal(0, 1), 1)",
    compare: { statistic: { name: "cdf", at: 1 }, of: "normal(0, 1)" },
  },
];

const intentionalDifferences: DifferentialCase[] = [
  {
    title: "a to b with a < 0 is the normal with those 5th and 95th percentiles",
    crux: "-1 to 5",
    squiggle: "normal({p5: -1, p95: 5})",
    intentionalDifference: "Squiggle's `to` refuses a <= 0",
    compare: "distribution",
  },
  {
    title: "a to b with a = 0 is the normal with those 5th and 95th percentiles",
    crux: "0 to 5",
    squiggle: "normal({p5: 0, p95: 5})",
    intentionalDifference: "Squiggle's `to` refuses a <= 0",
    compare: "distribution",
  },
  {
    title: "Math.sqrt of a distribution is sample-wise",
    crux: "Math.sqrt(1 to 100)",
    squiggle: "SampleSet.map(1 to 100, Math.sqrt)",
    intentionalDifference: "Squiggle's Math.sqrt takes numbers only",
    compare: "distribution",
  },
  {
    title: "abs of a distribution is sample-wise",
    crux: "abs(normal(0, 1))",
    squiggle: "SampleSet.map(normal(0, 1), abs)",
    intentionalDifference: "Squiggle's abs takes numbers only",
    compare: "distribution",
  },
  {
    // uniform(0, 4.4) puts the cdf's jumps at 0.23, 0.45, 0.68, 0.91: every compared percentile is far from a jump.
    title: "floor of a distribution is sample-wise",
    crux: "floor(uniform(0, 4.4))",
    squiggle: "SampleSet.map(uniform(0, 4.4), floor)",
    intentionalDifference: "Squiggle's floor takes numbers only",
    compare: "distribution",
  },
];

const errors: DifferentialCase[] = [
  { title: "a to b with a >= b is an error", crux: "5 to 1", compare: "error" },
];

export const differentialCases: DifferentialCase[] = [
  ...arithmetic,
  ...functionsAndData,
  ...distributions,
  ...summaries,
  ...intentionalDifferences,
  ...errors,
];
