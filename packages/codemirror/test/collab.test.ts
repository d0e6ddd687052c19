// @vitest-environment jsdom
/**
 * The y-codemirror.next binding needs an EditorView (its sync and undo plugins are view plugins), hence jsdom here.
 * Two Y.Docs exchange updates the way the sync provider does: applied with a non-local origin.
 */
import { EditorSelection, type Extension } from "@codemirror/state";
import { EditorView, runScopeHandlers } from "@codemirror/view";
import { cellText, createNotebookDoc, createUndoManager, editCellText, LOCAL_ORIGIN } from "@crux/notebook";
import { afterEach, describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { cruxCollab, cruxEditorExtensions, editorMode } from "../src";

const REMOTE = Symbol("remote provider");
const views: EditorView[] = [];

afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

/** Two peers of one notebook with a parameter cell `r`, kept in sync both ways with the origin REMOTE. */
function twoPeers() {
  const local = createNotebookDoc({
    format: "crux.notebook/1",
    title: "t",
    settings: { samples: 1000, seed: 1 },
    cells: [{ kind: "parameter", name: "r", expr: "1 to 3" }],
  });
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local), REMOTE);
  local.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(remote, update, REMOTE);
  });
  remote.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(local, update, REMOTE);
  });
  return { local, remote, undoManager: createUndoManager(local) };
}

function editorOn(
  doc: Y.Doc,
  undoManager: Y.UndoManager,
  options: { awareness?: Awareness; extensions?: Extension; parent?: HTMLElement } = {},
): EditorView {
  const text = cellText(doc, "r", "expr");
  const view = new EditorView({
    doc: text.toString(),
    extensions: [
      cruxCollab({ text, awareness: options.awareness ?? new Awareness(doc), undoManager }),
      cruxEditorExtensions({ names: () => [], error: () => null }),
      options.extensions ?? [],
    ],
    parent: options.parent ?? document.body,
  });
  views.push(view);
  return view;
}

function type(view: EditorView, at: number, insert: string, userEvent = "input.type") {
  view.dispatch({
    changes: { from: at, insert },
    selection: EditorSelection.cursor(at + insert.length),
    userEvent,
  });
}

const localText = (doc: Y.Doc) => cellText(doc, "r", "expr").toString();
const mode = (multiline: boolean) => editorMode({ multiline, readOnly: false, label: "Expression of r" });
const press = (view: EditorView, key: string) =>
  runScopeHandlers(view, new KeyboardEvent("keydown", { key }), "editor");

describe("Y.Text binding", () => {
  it("shares typing with the other peer and takes remote edits into the editor", () => {
    const { local, remote, undoManager } = twoPeers();
    const view = editorOn(local, undoManager);
    type(view, 6, "0");
    expect(localText(remote)).toBe("1 to 30");
    editCellText(remote, "r", { index: 0, deleteCount: 1, insert: "2" });
    expect(view.state.doc.toString()).toBe("2 to 30");
  });

  it("undoes the local user's typing through the notebook undo manager, never the remote edit", () => {
    const { local, remote, undoManager } = twoPeers();
    const view = editorOn(local, undoManager);
    type(view, 6, "0");
    undoManager.stopCapturing();
    editCellText(remote, "r", { index: 0, deleteCount: 1, insert: "2" });
    expect(view.state.doc.toString()).toBe("2 to 30");
    expect(undoManager.undo()).not.toBeNull();
    expect(view.state.doc.toString()).toBe("2 to 3");
    expect(localText(remote)).toBe("2 to 3");
    expect(undoManager.canUndo()).toBe(false);
    undoManager.redo();
    expect(localText(remote)).toBe("2 to 30");
  });

  it("tracks the binding's origin only while the editor lives", () => {
    const { local, undoManager } = twoPeers();
    const before = [...undoManager.trackedOrigins];
    expect(before).toContain(LOCAL_ORIGIN);
    const view = editorOn(local, undoManager);
    expect(undoManager.trackedOrigins.size).toBe(before.length + 1);
    view.destroy();
    expect([...undoManager.trackedOrigins]).toEqual(before);
  });

  it("shows a remote user's caret and selection in their colour, with their name", () => {
    const { local, remote, undoManager } = twoPeers();
    const awareness = new Awareness(local);
    const view = editorOn(local, undoManager, { awareness });
    const remoteAwareness = new Awareness(remote);
    const remoteText = cellText(remote, "r", "expr");
    remoteAwareness.setLocalState({
      user: { name: "Ada", color: "#aa3377" },
      cursor: {
        anchor: Y.createRelativePositionFromTypeIndex(remoteText, 0),
        head: Y.createRelativePositionFromTypeIndex(remoteText, 1),
      },
    });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remoteAwareness, [remote.clientID]), REMOTE);
    const selection = view.dom.querySelector<HTMLElement>(".cm-ySelection");
    expect(selection?.textContent).toBe("1");
    expect(selection?.style.backgroundColor).not.toBe("");
    const caret = view.dom.querySelector<HTMLElement>(".cm-ySelectionCaret");
    expect(caret?.textContent).toContain("Ada");
    expect(caret?.style.backgroundColor).toBe("rgb(170, 51, 119)");
    remoteAwareness.destroy();
    awareness.destroy();
  });
});

describe("keyboard and single-line mode", () => {
  it("Mod-z and Mod-Shift-z run the shared undo manager", () => {
    const { local, undoManager } = twoPeers();
    const view = editorOn(local, undoManager);
    type(view, 6, "0");
    const key = (init: KeyboardEventInit) =>
      runScopeHandlers(view, new KeyboardEvent("keydown", init), "editor");
    expect(key({ key: "z", keyCode: 90, ctrlKey: true })).toBe(true);
    expect(localText(local)).toBe("1 to 3");
    // A real keyboard reports Shift-z as "Z" with the key code of z.
    expect(key({ key: "Z", keyCode: 90, ctrlKey: true, shiftKey: true })).toBe(true);
    expect(localText(local)).toBe("1 to 30");
  });

  it("turns pasted line breaks into spaces in single-line mode", () => {
    const { local, undoManager } = twoPeers();
    const view = editorOn(local, undoManager, { extensions: mode(false) });
    type(view, 6, "\n* 2\n+ 1", "input.paste");
    expect(view.state.doc.toString()).toBe("1 to 3 * 2 + 1");
    expect(localText(local)).toBe("1 to 3 * 2 + 1");
    expect(view.state.selection.main.head).toBe(14);
  });

  it("keeps a remote line break as it is, so the editor never disagrees with the shared text", () => {
    const { local, remote, undoManager } = twoPeers();
    const view = editorOn(local, undoManager, { extensions: mode(false) });
    editCellText(remote, "r", { index: 6, insert: "\n// note" });
    expect(view.state.doc.toString()).toBe("1 to 3\n// note");
    expect(localText(local)).toBe("1 to 3\n// note");
  });

  it("Enter leaves a single-line editor for its cell without a line break, and breaks the line in a model", () => {
    const { local, undoManager } = twoPeers();
    const cell = document.createElement("section");
    cell.tabIndex = -1;
    document.body.append(cell);
    const single = editorOn(local, undoManager, { parent: cell, extensions: mode(false) });
    single.focus();
    single.dispatch({ selection: EditorSelection.cursor(6) });
    expect(press(single, "Enter")).toBe(true);
    expect(localText(local)).toBe("1 to 3");
    expect(document.activeElement).toBe(cell);
    single.destroy();
    const multi = editorOn(local, undoManager, { extensions: mode(true) });
    multi.dispatch({ selection: EditorSelection.cursor(6) });
    expect(press(multi, "Enter")).toBe(true);
    expect(localText(local)).toBe("1 to 3\n");
    cell.remove();
  });

  it("Escape leaves the editor", () => {
    const { local, undoManager } = twoPeers();
    const view = editorOn(local, undoManager, { extensions: mode(true) });
    view.focus();
    expect(view.hasFocus).toBe(true);
    expect(press(view, "Escape")).toBe(true);
    expect(view.hasFocus).toBe(false);
  });
});
