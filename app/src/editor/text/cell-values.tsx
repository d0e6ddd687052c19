"use client";
/**
 * Live values in reasoning text: the `cellValue` node of the shared schema, shown as a pill with the named cell's
 * current value. Values come through React context, so every pill re-renders when the notebook's results change
 * (node views render inside the editor's React tree).
 */
import { CELL_NAME_PATTERN, CellValue } from "@crux/notebook";
import { nodeInputRule } from "@tiptap/core";
import { type NodeViewProps, NodeViewWrapper, ReactNodeViewRenderer } from "@tiptap/react";
import { createContext, useContext } from "react";

export type ValueOf = (name: string) => string | undefined;

export const CellValuesContext = createContext<ValueOf>(() => undefined);

/** `{{name}}` just typed, with a valid cell name (the pattern of the file format, without its anchors). */
const TYPED_CELL_VALUE = new RegExp(`\\{\\{(${CELL_NAME_PATTERN.source.slice(1, -1)})\\}\\}$`);

function CellValuePill({ node, selected }: NodeViewProps) {
  const valueText = useContext(CellValuesContext);
  const name = String(node.attrs.name);
  const value = valueText(name);
  const known = value !== undefined;
  return (
    <NodeViewWrapper
      as="span"
      className={`cell-value${known ? "" : " cell-value-unknown"}${selected ? " cell-value-selected" : ""}`}
      data-cell-value={name}
      title={
        known ? `Live value of ${name}` : `No value for “${name}”: no cell has this name, or it has no result`
      }
    >
      <span className="visually-hidden">{`${name} = `}</span>
      {known ? value : "?"}
    </NodeViewWrapper>
  );
}

/** The same node for the editor: rendered as a pill, and typing `{{name}}` in full also makes one. */
export const EditorCellValue = CellValue.extend({
  addNodeView() {
    return ReactNodeViewRenderer(CellValuePill, { as: "span" });
  },
  addInputRules() {
    return [
      nodeInputRule({
        find: TYPED_CELL_VALUE,
        type: this.type,
        getAttributes: (match) => ({ name: match[1] }),
      }),
    ];
  },
});
