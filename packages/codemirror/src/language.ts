/**
 * `cruxLanguage()`: highlighting for the Crux language plus its language data (comment tokens for Mod-/, brackets
 * to auto-close). Highlighting is a decoration set recomputed from `cruxTokens` on every change: cells are short,
 * the lexer is linear, and re-lexing the whole cell means highlighting can never disagree with the parser (a Lezer
 * grammar would be a second, separately maintained description of the language).
 */
import { EditorState, type Extension, type Range, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView } from "@codemirror/view";
import { cruxTokens, type TokenStyle } from "./tokens";

const marks = new Map<TokenStyle, Decoration>();

function markFor(style: TokenStyle): Decoration {
  let mark = marks.get(style);
  if (!mark) {
    mark = Decoration.mark({ class: `cm-crux-${style}` });
    marks.set(style, mark);
  }
  return mark;
}

function highlight(state: EditorState): DecorationSet {
  const ranges: Range<Decoration>[] = cruxTokens(state.doc.toString())
    .filter((token) => token.style !== "punctuation")
    .map((token) => markFor(token.style).range(token.from, token.to));
  return Decoration.set(ranges);
}

/** The highlighting decorations of the current document. Exported for tests and for reading token styles. */
export const cruxHighlighting = StateField.define<DecorationSet>({
  create: highlight,
  update: (decorations, transaction) => (transaction.docChanged ? highlight(transaction.state) : decorations),
  provide: (field) => EditorView.decorations.from(field),
});

// Colours meet WCAG AA contrast (>= 5.5:1 measured) on the cell background #fbfbfd and on a dark #1e1f26.
const cruxTheme = EditorView.baseTheme({
  "&light .cm-crux-keyword": { color: "#7b2cbf", fontWeight: "600" },
  "&light .cm-crux-bool": { color: "#9c3d00" },
  "&light .cm-crux-number": { color: "#1f6f43" },
  "&light .cm-crux-string": { color: "#a4262c" },
  "&light .cm-crux-comment": { color: "#5f6677", fontStyle: "italic" },
  "&light .cm-crux-operator": { color: "#3d4f8a" },
  "&light .cm-crux-function": { color: "#1a56b0" },
  "&light .cm-crux-namespace": { color: "#006b75" },
  "&light .cm-crux-property": { color: "#5c4a00" },
  "&light .cm-crux-definition": { color: "#1f2330", fontWeight: "600" },
  "&dark .cm-crux-keyword": { color: "#d0a8ff", fontWeight: "600" },
  "&dark .cm-crux-bool": { color: "#ffb380" },
  "&dark .cm-crux-number": { color: "#8ce0a8" },
  "&dark .cm-crux-string": { color: "#ff9c9c" },
  "&dark .cm-crux-comment": { color: "#a0a7b8", fontStyle: "italic" },
  "&dark .cm-crux-operator": { color: "#b4c3f0" },
  "&dark .cm-crux-function": { color: "#8cb8ff" },
  "&dark .cm-crux-namespace": { color: "#7fdde6" },
  "&dark .cm-crux-property": { color: "#e8d48a" },
  "&dark .cm-crux-definition": { fontWeight: "600" },
  ".cm-crux-invalid": { textDecoration: "underline wavy #c92a2a" },
});

const cruxLanguageData = EditorState.languageData.of(() => [
  {
    commentTokens: { line: "//", block: { open: "/*", close: "*/" } },
    closeBrackets: { brackets: ["(", "[", "{", '"'] },
  },
]);

/** Highlighting, theme and language data for Crux source. */
export function cruxLanguage(): Extension {
  return [cruxHighlighting, cruxTheme, cruxLanguageData];
}
