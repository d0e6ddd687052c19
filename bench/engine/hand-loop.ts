import { chainParameters, MODEL_EXPONENT } from "./chain-model";

/**
 * The practical limit: the chain model written by hand over Float64Arrays, one array per cell as a cell-wise
 * evaluator needs, with a fast seeded generator (SplitMix32 + Box-Muller) for the lognormal draws.
 * Returns the last model's mean, so the result is used and comparable with the engines'.
 */
export function runHandLoop(count: number, samples: number, seed: number): number {
  const next = splitMix32(seed);
  const parameters = chainParameters(count).map((p) => drawLognormal(p.mu, p.sigma, samples, next));
  let previous: Float64Array | undefined;
  for (const parameter of parameters) {
    const model = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      const p = parameter[i] as number;
      const before = previous === undefined ? 1 : (previous[i] as number);
      model[i] = Math.exp(0.5 * Math.log(before + p)) * p ** MODEL_EXPONENT;
    }
    previous = model;
  }
  let sum = 0;
  for (const x of previous ?? []) sum += x;
  return sum / samples;
}

function drawLognormal(mu: number, sigma: number, samples: number, next: () => number): Float64Array {
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    out[i] = Math.exp(mu + sigma * radius * Math.cos(angle));
    if (i + 1 < samples) out[i + 1] = Math.exp(mu + sigma * radius * Math.sin(angle));
  }
  return out;
}

/** A uniform generator on [0, 1): SplitMix32, as fast as a seeded generator gets in JavaScript. */
function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}
