import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { changedSpan, replaceText } from "../src/text";

function textWith(value: string): Y.Text {
  const text = new Y.Doc().getText("t");
  text.insert(0, value);
  return text;
}

describe("replaceText", () => {
  it("turns any text into any other, emoji and combining marks included", () => {
    const anyText = fc.string({
      unit: fc.constantFrom("a", "b", "é", "😀", "👍🏽", "e\u0301", "\n"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(anyText, anyText, (before, after) => {
        const text = textWith(before);
        text.doc?.transact(() => replaceText(text, after));
        expect(text.toString()).toBe(after);
      }),
      { numRuns: 300 },
    );
  });

  it("rewrites only the span that differs", () => {
    expect(changedSpan("2 to 10", "2 to 12")).toEqual({ start: 6, deleteCount: 1, insert: "2" });
    expect(changedSpan("a😀b", "a😁b")).toEqual({ start: 1, deleteCount: 2, insert: "😁" });
  });

  it("keeps a collaborator's concurrent typing outside the changed span", () => {
    const mine = textWith("normal(10, 2)");
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine.doc as Y.Doc));
    theirs.getText("t").insert(0, "2 * ");
    replaceText(mine, "normal(10, 3)");
    Y.applyUpdate(mine.doc as Y.Doc, Y.encodeStateAsUpdate(theirs));
    expect(mine.toString()).toBe("2 * normal(10, 3)");
  });
});
