import { Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { YSyncConfig, ySyncAnnotation } from "y-codemirror.next";
import * as Y from "yjs";
import { type EditorMode, editorMode } from "../src";

/** The content attributes the mode puts on the editable element, merged as CodeMirror merges them. */
function attributes(state: EditorState): Record<string, string> {
  return Object.assign(
    {},
    ...state.facet(EditorView.contentAttributes).map((value) => (typeof value === "function" ? {} : value)),
  );
}

const base: EditorMode = { multiline: true, readOnly: false, label: "Expression of growth" };

describe("editorMode", () => {
  it("labels the content for assistive technology and says whether it is multi-line", () => {
    const model = EditorState.create({ extensions: editorMode(base) });
    expect(attributes(model)).toMatchObject({
      "aria-label": "Expression of growth",
      "aria-multiline": "true",
    });
    expect(attributes(model)).not.toHaveProperty("aria-readonly");
    const parameter = EditorState.create({ extensions: editorMode({ ...base, multiline: false }) });
    expect(attributes(parameter)).toMatchObject({ "aria-multiline": "false" });
  });

  it("makes a read-only editor refuse edits and stay focusable", () => {
    const state = EditorState.create({ doc: "1 to 3", extensions: editorMode({ ...base, readOnly: true }) });
    expect(state.readOnly).toBe(true);
    expect(state.facet(EditorView.editable)).toBe(false);
    expect(attributes(state)).toMatchObject({ "aria-readonly": "true", tabindex: "0" });
  });

  it("drops the reader's own edits but shows edits arriving through the Yjs binding", () => {
    const state = EditorState.create({ doc: "1 to 3", extensions: editorMode({ ...base, readOnly: true }) });
    const local = state.update({ changes: { from: 0, insert: "2 * " }, userEvent: "input.complete" }).state;
    expect(local.doc.toString()).toBe("1 to 3");
    const binding = new YSyncConfig(new Y.Doc().getText(), null);
    const remote = state.update({
      changes: { from: 0, insert: "2 * " },
      annotations: ySyncAnnotation.of(binding),
    });
    expect(remote.state.doc.toString()).toBe("2 * 1 to 3");
  });

  it("joins typed or pasted lines in single-line mode only", () => {
    const paste = (multiline: boolean) =>
      EditorState.create({ doc: "1 to 3", extensions: editorMode({ ...base, multiline }) })
        .update({ changes: { from: 6, insert: "\n* 2\r\n" }, userEvent: "input.paste" })
        .state.doc.toString();
    expect(paste(false)).toBe("1 to 3 * 2 ");
    expect(paste(true)).toBe("1 to 3\n* 2\n");
  });

  it("switches in a compartment without a new editor state", () => {
    const mode = new Compartment();
    const state = EditorState.create({ doc: "x", extensions: mode.of(editorMode(base)) });
    const readOnly = state.update({
      effects: mode.reconfigure(editorMode({ ...base, readOnly: true, label: "r" })),
    }).state;
    expect(readOnly.readOnly).toBe(true);
    expect(attributes(readOnly)["aria-label"]).toBe("r");
    expect(readOnly.doc).toBe(state.doc);
  });
});
