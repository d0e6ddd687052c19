export { cruxCompletionSource } from "./complete";
export {
  cruxDiagnostics,
  errorDiagnostic,
  offsetAt,
  refreshCruxDiagnostics,
  syntaxDiagnostic,
} from "./diagnostics";
export { cruxCollab } from "./editing";
export { cruxEditorExtensions } from "./extensions";
export { cruxHighlighting, cruxLanguage } from "./language";
export { type EditorMode, editorMode, leaveEditor, singleLine } from "./mode";
export { type CellError, type CruxEditorOptions, cruxOptions } from "./options";
export { type CruxToken, cruxTokens, type TokenStyle } from "./tokens";
