/**
 * Seeded random streams (never Math.random). Each random source in a notebook draws from its own stream, keyed by
 * the notebook seed, the cell id and the source's place in the cell, so editing one cell leaves every other cell's
 * draws unchanged and the same notebook gives the same numbers in every browser, on the server and in the CLI.
 * Generator: xoshiro128** (Blackman & Vigna), seeded through a 128-bit string hash (cyrb128) and splitmix32.
 */

export type Stream = {
  /** A uniform draw in the open interval (0, 1). */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /** Fills an array with standard normal draws (the same values as repeated `normal()` calls, faster). */
  fillNormal(out: Float64Array): Float64Array;
};

export function streamFor(seed: number, ...key: (string | number)[]): Stream {
  const [a, b, c, d] = cyrb128(`${seed}\u0000${key.join("\u0000")}`);
  let s0 = a;
  let s1 = b;
  let s2 = c;
  let s3 = d;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result >>> 0;
  };
  const uniform = () => (next() + 0.5) / 4294967296;
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // Box–Muller: exact, and two normals per pair of uniforms.
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const fillNormal = (out: Float64Array) => {
    let i = 0;
    if (spare !== undefined && out.length > 0) out[i++] = normal();
    // The pairs `normal()` would give, written directly: cosine then sine of each Box–Muller pair.
    for (; i + 1 < out.length; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(uniform()));
      const angle = 2 * Math.PI * uniform();
      out[i] = radius * Math.cos(angle);
      out[i + 1] = radius * Math.sin(angle);
    }
    if (i < out.length) out[i] = normal();
    return out;
  };
  for (let i = 0; i < 8; i++) next(); // let the seed's bits mix before the first draw
  return { uniform, normal, fillNormal };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** cyrb128 string hash (public domain), splitmix32-finalised: four well-mixed, never all-zero 32-bit words. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [splitmix32(h1 ^ h2 ^ h3 ^ h4), splitmix32(h2 ^ h1), splitmix32(h3 ^ h1), splitmix32(h4 ^ h1) | 1];
}

function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
