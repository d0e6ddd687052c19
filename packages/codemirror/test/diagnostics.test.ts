import { forEachDiagnostic } from "@codemirror/lint";
import { EditorState, Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import {
  type CellError,
  cruxDiagnostics,
  cruxEditorExtensions,
  errorDiagnostic,
  offsetAt,
  refreshCruxDiagnostics,
  syntaxDiagnostic,
} from "../src";

const doc = (source: string) => Text.of(source.split("\n"));

describe("offsetAt", () => {
  const text = doc("a = 1\nbb = a * 20\n\nbb");

  it("maps 1-based lines and columns to offsets", () => {
    expect(offsetAt(text, 1, 1)).toBe(0);
    expect(offsetAt(text, 1, 5)).toBe(4);
    expect(offsetAt(text, 2, 6)).toBe(11);
    expect(offsetAt(text, 3, 1)).toBe(18);
    expect(offsetAt(text, 4, 2)).toBe(20);
  });

  it("clamps positions outside the text into it", () => {
    expect(offsetAt(text, 1, 99)).toBe(5);
    expect(offsetAt(text, 9, 1)).toBe(text.length);
    expect(offsetAt(text, 0, 0)).toBe(0);
    expect(offsetAt(text, -2, 3)).toBe(2);
    expect(offsetAt(text, Number.NaN, Number.NaN)).toBe(0);
  });
});

describe("errorDiagnostic", () => {
  it("underlines the name or number at the error's position, with the message", () => {
    const text = doc("x = 1\ny = x * grwth + 2");
    const error: CellError = { message: 'unknown name "grwth": did you mean "growth"?', line: 2, column: 9 };
    expect(errorDiagnostic(text, error)).toEqual({
      from: 14,
      to: 19,
      severity: "error",
      message: error.message,
    });
  });

  it("underlines one character at an operator and a point at the end of a line or text", () => {
    const text = doc("a +\nb");
    expect(errorDiagnostic(text, { message: "m", line: 1, column: 3 })).toMatchObject({ from: 2, to: 3 });
    expect(errorDiagnostic(text, { message: "m", line: 1, column: 40 })).toMatchObject({ from: 3, to: 3 });
    expect(errorDiagnostic(text, { message: "m", line: 7, column: 1 })).toMatchObject({ from: 5, to: 5 });
    expect(errorDiagnostic(doc(""), { message: "empty", line: 1, column: 1 })).toMatchObject({
      from: 0,
      to: 0,
    });
  });
});

describe("syntaxDiagnostic", () => {
  it("finds the parser's error in the text as typed", () => {
    const diagnostic = syntaxDiagnostic(doc("x = normal(1,\n  2 +"));
    // At the end of the text, where the operand of `+` is missing: a point.
    expect(diagnostic).toMatchObject({ from: 19, to: 19 });
    expect(syntaxDiagnostic(doc("x = 1 +* 2"))).toMatchObject({ from: 7, to: 8 });
    expect(diagnostic?.message).not.toBe("");
    expect(syntaxDiagnostic(doc("x = 1\nx * 2"))).toBeNull();
  });
});

describe("cruxDiagnostics", () => {
  function stateWith(source: string, error: CellError | null) {
    return EditorState.create({
      doc: source,
      extensions: cruxEditorExtensions({ names: () => [], error: () => error }),
    });
  }

  it("shows the evaluation error when the text parses", () => {
    const diagnostics = cruxDiagnostics(
      stateWith("r * 2", { message: "unknown name r", line: 1, column: 1 }),
    );
    expect(diagnostics).toMatchObject([{ from: 0, to: 1, message: "unknown name r" }]);
  });

  it("shows only the syntax error while the text does not parse", () => {
    const diagnostics = cruxDiagnostics(
      stateWith("r * (2", { message: "unknown name r", line: 1, column: 1 }),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).not.toBe("unknown name r");
  });

  it("puts the diagnostics into the editor state on refresh", () => {
    let error: CellError | null = { message: "cycle: a -> b -> a", line: 1, column: 5 };
    const state = EditorState.create({
      doc: "1 + b",
      extensions: cruxEditorExtensions({ names: () => [], error: () => error }),
    });
    const shown = (current: EditorState) => {
      const found: [number, number, string][] = [];
      forEachDiagnostic(current, (diagnostic, from, to) => found.push([from, to, diagnostic.message]));
      return found;
    };
    const withError = state.update(refreshCruxDiagnostics(state)).state;
    expect(shown(withError)).toEqual([[4, 5, "cycle: a -> b -> a"]]);
    error = null;
    expect(shown(withError.update(refreshCruxDiagnostics(withError)).state)).toEqual([]);
  });
});
