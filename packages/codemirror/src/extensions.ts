/** Everything a Crux cell editor needs on top of the collaboration binding. */
import { autocompletion, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap } from "@codemirror/commands";
import { bracketMatching } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { cruxCompletionSource } from "./complete";
import { cruxLinter } from "./diagnostics";
import { cruxLanguage } from "./language";
import { type CruxEditorOptions, cruxOptions } from "./options";

// Completion info is `signature\ndoc` as plain text: keep its line break.
const completionInfoTheme = EditorView.baseTheme({
  ".cm-tooltip.cm-completionInfo": { whiteSpace: "pre-line" },
});

/**
 * Highlighting, autocompletion of cell names and built-ins, error underline with the message on hover, and the
 * standard editing keys, without Tab (Tab moves focus, as everywhere else on the page) and without history (undo
 * is the notebook's, see `cruxCollab`).
 */
export function cruxEditorExtensions(options: CruxEditorOptions): Extension {
  return [
    cruxLanguage(),
    cruxOptions.of(options),
    autocompletion({ override: [cruxCompletionSource] }),
    completionInfoTheme,
    closeBrackets(),
    bracketMatching(),
    cruxLinter(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap]),
  ];
}
