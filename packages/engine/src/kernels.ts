/**
 * The tight loops under element-wise operators and math functions. Each is its own small function over
 * Float64Arrays, so V8 compiles it to a monomorphic machine loop with the operation inlined; one shared loop calling
 * an operation through a function value per element could not be inlined and runs several times slower.
 * `out` may be one of the inputs (a temporary the caller no longer needs): every loop reads index i before writing it.
 */

export type BinaryKernel = (x: Float64Array, y: Float64Array, out: Float64Array) => void;
export type ScalarLeftKernel = (x: number, y: Float64Array, out: Float64Array) => void;
export type ScalarRightKernel = (x: Float64Array, y: number, out: Float64Array) => void;
export type UnaryKernel = (x: Float64Array, out: Float64Array) => void;

export const BINARY_KERNELS: Record<string, BinaryKernel> = {
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
  "^": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = power(x[i] as number, y[i] as number);
  },
};

/** Scalar-with-array forms of the arithmetic operators (the same keys): no filled array for the constant side. */
export const SCALAR_LEFT_KERNELS: Record<string, ScalarLeftKernel> = {
  "+": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x + (y[i] as number);
  },
  "-": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x - (y[i] as number);
  },
  "*": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x * (y[i] as number);
  },
  "/": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = x / (y[i] as number);
  },
  "^": (x, y, out) => {
    if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
      for (let i = 0; i < out.length; i++) out[i] = x ** (y[i] as number);
      return;
    }
    const logX = Math.log(x);
    for (let i = 0; i < out.length; i++) {
      const p = y[i] as number;
      out[i] = p === Math.round(p) ? x ** p : Math.exp(p * logX);
    }
  },
};

export const SCALAR_RIGHT_KERNELS: Record<string, ScalarRightKernel> = {
  "+": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) + y;
  },
  "-": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) - y;
  },
  "*": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) * y;
  },
  "/": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) / y;
  },
  "^": (x, y, out) => powerKernel(x, y, out),
};

/** Comparisons of samples with a constant, the common case (`P(r > 1)`): 1 where true, 0 where false. */
export const COMPARE_WITH_CONSTANT: Record<string, ScalarRightKernel> = {
  "<": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) < y ? 1 : 0;
  },
  "<=": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) <= y ? 1 : 0;
  },
  ">": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) > y ? 1 : 0;
  },
  ">=": (x, y, out) => {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) >= y ? 1 : 0;
  },
};

export const negate = (x: number): number => -x;

/** Loops for the hot one-argument functions, keyed by the scalar function they apply. */
export const UNARY_KERNELS = new Map<(x: number) => number, UnaryKernel>([
  [
    negate,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = -(x[i] as number);
    },
  ],
  [
    Math.exp,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(x[i] as number);
    },
  ],
  [
    Math.log,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.log(x[i] as number);
    },
  ],
  [
    Math.log10,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.log10(x[i] as number);
    },
  ],
  [
    Math.log2,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.log2(x[i] as number);
    },
  ],
  [
    Math.sqrt,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(x[i] as number);
    },
  ],
  [
    Math.abs,
    (x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = Math.abs(x[i] as number);
    },
  ],
]);

/**
 * x ^ p, fast: V8's Math.pow costs 140-180 ns in a tight loop, exp(p · log x) 50-70 ns (measured on this machine).
 * The result is off by about |p · log x| · 2^-53 relative: 1e-15 for results near 1, at most 2e-13 for any normal
 * double (a test checks it against Math.pow); Monte Carlo error is far larger.
 * Integer exponents, x <= 0 and non-finite x keep Math.pow's exact special cases (2 ^ 10 is exactly 1024).
 */
function power(x: number, p: number): number {
  return x > 0 && x < Number.POSITIVE_INFINITY && p !== Math.round(p) ? Math.exp(p * Math.log(x)) : x ** p;
}

/** x ^ p for a constant p: common exponents avoid Math.pow, which is slow in tight loops (results are the same). */
export function powerKernel(x: Float64Array, p: number, out: Float64Array): void {
  if (p === 2) for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) * (x[i] as number);
  else if (p === 3)
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) * (x[i] as number) * (x[i] as number);
  else if (p === -1) for (let i = 0; i < out.length; i++) out[i] = 1 / (x[i] as number);
  else if (p === Math.round(p)) for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) ** p;
  else for (let i = 0; i < out.length; i++) out[i] = power(x[i] as number, p);
}

/** The values at the given indices. */
export function gather(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let j = 0; j < indices.length; j++) out[j] = values[indices[j] as number] as number;
  return out;
}
