// @vitest-environment jsdom
import { cellText, createNotebookDoc, createUndoManager } from "@crux/notebook";
import { act } from "react";
import { describe, expect, it } from "vitest";
import { mountReactRootPerTest } from "../test-support/react-root";
import { CodeEditor, type CodeEditorProps } from "./code-editor";

const mounted = mountReactRootPerTest();

function props(overrides: Partial<CodeEditorProps> = {}): CodeEditorProps {
  const doc = createNotebookDoc({
    format: "crux.notebook/1",
    title: "t",
    settings: { samples: 1000, seed: 1 },
    cells: [{ kind: "model", name: "total", expr: "rate * 12" }],
  });
  return {
    text: cellText(doc, "total", "expr"),
    awareness: null,
    undoManager: createUndoManager(doc),
    names: ["rate"],
    error: null,
    readOnly: false,
    multiline: true,
    label: "Expression of total",
    ...overrides,
  };
}

const content = () => mounted.container.querySelector<HTMLElement>(".cm-content");

describe("CodeEditor", () => {
  it("shows the cell's text in a labelled, editable text box", () => {
    act(() => mounted.root.render(<CodeEditor {...props()} />));
    expect(content()?.textContent).toBe("rate * 12");
    expect(content()?.getAttribute("aria-label")).toBe("Expression of total");
    expect(content()?.getAttribute("contenteditable")).toBe("true");
    expect(mounted.container.querySelector(".cm-crux-number")?.textContent).toBe("12");
  });

  it("changes read-only, label and error in the same editor, without recreating it", () => {
    const initial = props();
    act(() => mounted.root.render(<CodeEditor {...initial} />));
    const editor = mounted.container.querySelector(".cm-editor");
    act(() =>
      mounted.root.render(
        <CodeEditor
          {...initial}
          readOnly
          label="total (read only)"
          error={{ message: 'unknown name "rate"', line: 1, column: 1 }}
        />,
      ),
    );
    expect(mounted.container.querySelector(".cm-editor")).toBe(editor);
    expect(content()?.getAttribute("contenteditable")).toBe("false");
    expect(content()?.getAttribute("aria-readonly")).toBe("true");
    expect(content()?.getAttribute("aria-label")).toBe("total (read only)");
    expect(mounted.container.querySelector(".cm-lintRange-error")?.textContent).toBe("rate");
    act(() => mounted.root.render(<CodeEditor {...initial} />));
    expect(mounted.container.querySelector(".cm-lintRange-error")).toBeNull();
  });

  it("follows edits of the shared text made elsewhere", () => {
    const initial = props();
    act(() => mounted.root.render(<CodeEditor {...initial} />));
    act(() => initial.text.insert(0, "2 * "));
    expect(content()?.textContent).toBe("2 * rate * 12");
  });
});
