/**
 * Cell order: each cell carries a fractional order key (the `fractional-indexing` package); cells sort by key, ties
 * (two peers inserting at the same spot at once) broken by id, so every peer sees the same order.
 */
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

export type Ordered = { id: string; order: string };

export function compareOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Where a new or moved cell goes. */
export type Placement = "start" | "end" | { after: string } | { before: string };

/**
 * A key for `placement` among `cells` (sorted, without the cell being placed); undefined when the anchor is not
 * among them. When the anchor shares its key with a neighbour, the new key goes beyond that whole tied group, since
 * no key sorts between two equal keys.
 */
export function keyForPlacement(cells: Ordered[], placement: Placement): string | undefined {
  const keys = cells.map((cell) => cell.order);
  if (placement === "start") return generateKeyBetween(null, keys[0] ?? null);
  if (placement === "end") return generateKeyBetween(keys.at(-1) ?? null, null);
  const anchorId = "after" in placement ? placement.after : placement.before;
  const anchor = cells.find((cell) => cell.id === anchorId)?.order;
  if (anchor === undefined) return undefined;
  if ("after" in placement) return generateKeyBetween(anchor, keys.find((key) => key > anchor) ?? null);
  return generateKeyBetween(keys.findLast((key) => key < anchor) ?? null, anchor);
}

/**
 * Order keys for cells in the wanted order, given the keys some of them already have. The longest run of existing
 * keys that is already in the wanted order is kept and only the other cells get new keys, so re-importing a file
 * rewrites the keys of the cells that moved, not of every cell.
 */
export function keysForSequence(existing: (string | undefined)[]): string[] {
  const kept = new Set(longestIncreasingIndices(existing));
  const keys: string[] = [];
  let index = 0;
  while (index < existing.length) {
    if (kept.has(index)) {
      keys.push(existing[index] as string);
      index++;
      continue;
    }
    let end = index;
    while (end < existing.length && !kept.has(end)) end++;
    const upper = end < existing.length ? (existing[end] as string) : null;
    keys.push(...generateNKeysBetween(keys.at(-1) ?? null, upper, end - index));
    index = end;
  }
  return keys;
}

/** Indices of a longest strictly increasing subsequence of the defined values (patience sorting, O(n log n)). */
function longestIncreasingIndices(values: (string | undefined)[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest last value of an increasing run of length k + 1
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    if (value === undefined) return;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] as number] as string) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] as number;
    tails[low] = index;
  });
  const run: number[] = [];
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index] as number) run.unshift(index);
  return run;
}
