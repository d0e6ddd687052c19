/**
 * Error underlines: the syntax error `parse` finds in the text as it is now, else the cell's evaluation error at
 * the engine's 1-based line and column, as @codemirror/lint diagnostics (underline, message on hover).
 */
import { type Diagnostic, linter, setDiagnostics } from "@codemirror/lint";
import type { EditorState, Extension, Text, TransactionSpec } from "@codemirror/state";
import { CruxSyntaxError, parse } from "@crux/engine";
import { type CellError, cruxOptions } from "./options";

/**
 * The document offset of a 1-based line and column (UTF-16 code units, as the engine counts). Out-of-range
 * positions are clamped into the document: a line past the end means the end, a column past a line's end means
 * that line's end.
 */
export function offsetAt(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const target = doc.line(Math.max(1, Math.trunc(line) || 1));
  return target.from + Math.min(Math.max(0, Math.trunc(column - 1) || 0), target.length);
}

/** A diagnostic at `offset` spanning the name or number that starts there (else one character, else a point). */
function diagnosticAt(doc: Text, offset: number, message: string): Diagnostic {
  const line = doc.lineAt(offset);
  const rest = line.text.slice(offset - line.from);
  const word = /^[A-Za-z0-9_.%]+/.exec(rest)?.[0].length ?? Math.min(1, rest.length);
  return { from: offset, to: offset + word, severity: "error", message };
}

/** The evaluation error as a diagnostic on the current text. */
export function errorDiagnostic(doc: Text, error: CellError): Diagnostic {
  return diagnosticAt(doc, offsetAt(doc, error.line, error.column), error.message);
}

/** The syntax error of the text as typed, if any: it is always current, unlike an evaluation still running. */
export function syntaxDiagnostic(doc: Text): Diagnostic | null {
  try {
    parse(doc.toString());
    return null;
  } catch (error) {
    if (!(error instanceof CruxSyntaxError)) throw error;
    return diagnosticAt(doc, Math.min(error.at.offset, doc.length), error.message);
  }
}

/**
 * The diagnostics to show. While the text does not parse, its syntax error alone: an evaluation error then
 * describes an older text (or is the same syntax error).
 */
export function cruxDiagnostics(state: EditorState): Diagnostic[] {
  const syntax = syntaxDiagnostic(state.doc);
  if (syntax) return [syntax];
  const error = state.facet(cruxOptions).error();
  return error ? [errorDiagnostic(state.doc, error)] : [];
}

/** Shows the current diagnostics now: dispatch it when the app's evaluation error changes. */
export function refreshCruxDiagnostics(state: EditorState): TransactionSpec {
  return setDiagnostics(state, cruxDiagnostics(state));
}

/** Re-checks the text shortly after typing pauses (syntax errors appear without waiting for evaluation). */
export function cruxLinter(): Extension {
  return linter((view) => cruxDiagnostics(view.state), { delay: 300 });
}
