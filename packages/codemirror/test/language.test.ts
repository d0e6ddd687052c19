import { EditorState } from "@codemirror/state";
import { parse, tokenize } from "@crux/engine";
import { describe, expect, it } from "vitest";
import { cruxHighlighting, cruxLanguage, cruxTokens } from "../src";

/** `[text, style]` pairs of a source, punctuation left out for brevity. */
function styled(source: string): [string, string][] {
  return cruxTokens(source)
    .filter((token) => token.style !== "punctuation")
    .map((token) => [source.slice(token.from, token.to), token.style]);
}

describe("cruxTokens", () => {
  it("styles numbers with suffixes, keywords, booleans, strings, operators and comments", () => {
    expect(styled(`// growth\nr = 1.5k to 3e2 /* per year */ > 0 ? "yes" : 'no' && true`)).toEqual([
      ["// growth", "comment"],
      ["r", "definition"],
      ["=", "operator"],
      ["1.5k", "number"],
      ["to", "keyword"],
      ["3e2", "number"],
      ["/* per year */", "comment"],
      [">", "operator"],
      ["0", "number"],
      ["?", "operator"],
      ['"yes"', "string"],
      [":", "operator"],
      ["'no'", "string"],
      ["&&", "operator"],
      ["true", "bool"],
    ]);
  });

  it("tells namespaces, member calls, record keys, definitions and plain names apart", () => {
    expect(styled("f(x) = Sim.ode({y0: x, t1: r.years})")).toEqual([
      ["f", "function"],
      ["x", "variable"],
      ["=", "operator"],
      ["Sim", "namespace"],
      ["ode", "function"],
      ["y0", "property"],
      [":", "operator"],
      ["x", "variable"],
      ["t1", "property"],
      [":", "operator"],
      ["r", "variable"],
      ["years", "property"],
    ]);
    expect(styled("c ? a : b")).toEqual([
      ["c", "variable"],
      ["?", "operator"],
      ["a", "variable"],
      [":", "operator"],
      ["b", "variable"],
    ]);
  });

  it("keeps highlighting past characters the lexer refuses", () => {
    expect(styled("1 # 2 é€ x")).toEqual([
      ["1", "number"],
      ["#", "invalid"],
      ["2", "number"],
      ["é€", "invalid"],
      ["x", "variable"],
    ]);
  });

  it("runs an unclosed string or block comment to the end, as the lexer reads it", () => {
    expect(styled('a + "open\nb')).toEqual([
      ["a", "variable"],
      ["+", "operator"],
      ['"open\nb', "string"],
    ]);
    expect(styled("a /* open\nb")).toEqual([
      ["a", "variable"],
      ["/* open\nb", "comment"],
    ]);
  });

  it("agrees with the engine's lexer on every token of a valid program", () => {
    const source =
      "growth = lognormal({p5: 0.1, p95: 2})\nyears = List.upTo(1, 10)\n{|t| t * growth}(3) // done";
    expect(() => parse(source)).not.toThrow();
    const engine = tokenize(source)
      .filter((token) => token.type !== "eof")
      .map((token) => token.at.offset);
    const ours = cruxTokens(source)
      .filter((token) => token.style !== "comment")
      .map((token) => token.from);
    expect(ours).toEqual(engine);
  });

  it("covers the source with sorted, non-overlapping spans", () => {
    const source = 'x = 1 // a\n/* b */ y(2, "s") # ~';
    const tokens = cruxTokens(source);
    tokens.forEach((token, index) => {
      expect(token.to).toBeGreaterThan(token.from);
      expect(token.from).toBeGreaterThanOrEqual(tokens[index - 1]?.to ?? 0);
    });
    const uncovered = tokens.reduceRight(
      (rest, token) => rest.slice(0, token.from) + rest.slice(token.to),
      source,
    );
    expect(uncovered.trim()).toBe("");
  });
});

describe("cruxLanguage in an editor state", () => {
  /** The CSS classes the highlighter puts on each span of `state`. */
  function classes(state: EditorState): [string, string][] {
    const found: [string, string][] = [];
    state.field(cruxHighlighting).between(0, state.doc.length, (from, to, decoration) => {
      found.push([state.sliceDoc(from, to), decoration.spec.class as string]);
    });
    return found;
  }

  it("marks spans with cm-crux-* classes and re-highlights after an edit", () => {
    const state = EditorState.create({ doc: "x = 2", extensions: cruxLanguage() });
    expect(classes(state)).toEqual([
      ["x", "cm-crux-definition"],
      ["=", "cm-crux-operator"],
      ["2", "cm-crux-number"],
    ]);
    const edited = state.update({ changes: { from: 4, to: 5, insert: '"two"' } }).state;
    expect(classes(edited)).toContainEqual(['"two"', "cm-crux-string"]);
  });

  it("provides comment tokens for toggling comments", () => {
    const state = EditorState.create({ doc: "x", extensions: cruxLanguage() });
    expect(state.languageDataAt("commentTokens", 0)).toEqual([
      { line: "//", block: { open: "/*", close: "*/" } },
    ]);
  });
});
