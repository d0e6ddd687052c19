/** Replacing the content of a Y.Text by touching only the part that differs. */
import type * as Y from "yjs";

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The span of `before` that must change to make `after`: the text outside the common prefix and suffix. The span
 * never splits a surrogate pair (Yjs would turn half a pair into U+FFFD).
 */
export function changedSpan(
  before: string,
  after: string,
): { start: number; deleteCount: number; insert: string } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = 0;
  while (
    suffix < limit - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    start,
    deleteCount: before.length - start - suffix,
    insert: after.slice(start, after.length - suffix),
  };
}

/**
 * Makes `text` equal to `value`. Only the differing span is rewritten, so a collaborator's concurrent typing
 * elsewhere in the text and everyone's cursors survive. Call inside a transaction.
 */
export function replaceText(text: Y.Text, value: string): void {
  const { start, deleteCount, insert } = changedSpan(text.toString(), value);
  if (deleteCount > 0) text.delete(start, deleteCount);
  if (insert) text.insert(start, insert);
}
