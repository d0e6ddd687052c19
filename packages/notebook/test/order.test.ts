import fc from "fast-check";
import { generateNKeysBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { keysForSequence } from "../src/order";

const isIncreasing = (keys: string[]) =>
  keys.every((key, index) => index === 0 || (keys[index - 1] as string) < key);

describe("keysForSequence", () => {
  it("gives strictly increasing keys and keeps existing keys that are already in order", () => {
    const pool = generateNKeysBetween(null, null, 40);
    // Each cell has no key yet, or one of the pool's keys (no key twice), in any order.
    const existing = fc
      .uniqueArray(fc.nat({ max: 39 }), { maxLength: 30 })
      .chain((picks) =>
        fc
          .array(fc.boolean(), { minLength: picks.length, maxLength: picks.length })
          .map((absent) => picks.map((pick, index) => (absent[index] ? undefined : pool[pick]))),
      );
    fc.assert(
      fc.property(existing, (keys) => {
        const result = keysForSequence(keys);
        expect(result).toHaveLength(keys.length);
        expect(isIncreasing(result)).toBe(true);
        const given = keys.flatMap((key, index) => (key === undefined ? [] : [{ key, index }]));
        if (isIncreasing(given.map(({ key }) => key)))
          expect(given.map(({ index }) => result[index])).toEqual(given.map(({ key }) => key));
      }),
    );
  });

  it("rewrites one key when one cell moved from last to first", () => {
    const [a, b, c, d] = generateNKeysBetween(null, null, 4);
    const result = keysForSequence([d, a, b, c]);
    expect(result.slice(1)).toEqual([a, b, c]);
    expect((result[0] as string) < (a as string)).toBe(true);
  });
});
