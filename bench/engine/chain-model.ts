/**
 * The benchmark model: a chain of lognormal parameters feeding model cells that use `^`, `log` and `exp`.
 * Parameter i is lognormal(mu_i, sigma_i); model k combines the previous model with parameter k:
 *   m1 = exp(0.5 * log(p1 + 1)) * p1 ^ 0.8
 *   mk = exp(0.5 * log(m(k-1) + pk)) * pk ^ 0.8
 * The square root of a sum keeps every value positive and of order one, so no sample overflows and all three
 * implementations (Crux, Squiggle, the hand-written loop) compute the same finite numbers.
 */

export type ChainParameter = { name: string; mu: number; sigma: number };
export type ModelCell = { id: string; name: string; source: string };

export const MODEL_EXPONENT = 0.8;

export function chainParameters(count: number): ChainParameter[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `p${i + 1}`,
    // Written as exact decimals so the source text shows round numbers.
    mu: ((i % 5) - 2) / 10,
    sigma: (20 + 2 * (i % 7)) / 100,
  }));
}

/** The chain as notebook cells: `count` parameters, then `count` models. */
export function chainCells(count: number): ModelCell[] {
  const parameters = chainParameters(count).map((p) => ({
    id: p.name,
    name: p.name,
    source: `lognormal(${p.mu}, ${p.sigma})`,
  }));
  const models = parameters.map((p, k) => {
    const previous = k === 0 ? "1" : `m${k}`;
    const name = `m${k + 1}`;
    return {
      id: name,
      name,
      source: `exp(0.5 * log(${previous} + ${p.name})) * ${p.name} ^ ${MODEL_EXPONENT}`,
    };
  });
  return [...parameters, ...models];
}
