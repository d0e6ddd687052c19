"use client";
/**
 * One cell of the column: the shell every kind shares (drag handle, kind, actions, who else is in it) around the
 * kind's own body. Memoised: a cell re-renders when its fields, its result or the people in it change, not when
 * another cell does.
 */
import { type CellKind, validateCellName } from "@crux/notebook";
import { type DragEvent, memo, useState } from "react";
import type { CellResult } from "@/evaluation/use-notebook-evaluation";
import { CellFieldInput } from "./cell-field";
import { useEditor } from "./editor-context";
import { FormulaBody } from "./formula-cell";
import { Icon, type IconName } from "./icons";
import { type CellFields, useCellFields } from "./notebook-store";
import { CellPresence, type Peer } from "./presence";
import { TextBody } from "./text-cell";

export const CELL_DRAG_TYPE = "application/x-crux-cell";

const KIND_LABEL: Record<CellKind, string> = { parameter: "Parameter", model: "Model", text: "Text" };

type Props = {
  id: string;
  result: CellResult | undefined;
  peers: Peer[];
  names: string[];
  /** Text cells only: it changes with every result, and other cells need not re-render for that. */
  inlineValueOf?: (name: string) => string | undefined;
};

export const Cell = memo(function Cell({ id, result, peers, names, inlineValueOf }: Props) {
  const { store } = useEditor();
  const fields = useCellFields(store, id);
  const [dropSide, setDropSide] = useState<"before" | "after" | null>(null);
  const drop = useDropTarget(id, setDropSide);
  if (!fields) return null;
  const label = fields.name ? `${KIND_LABEL[fields.kind]} ${fields.name}` : `${KIND_LABEL[fields.kind]} cell`;
  const marker = peers[0]?.color;
  return (
    <section
      className={`cell cell-${fields.kind}${dropSide ? ` drop-${dropSide}` : ""}`}
      data-cell-id={id}
      aria-label={label}
      // Focusable itself so that Escape from an editor, and keyboard moves, keep a place in the column.
      tabIndex={-1}
      style={marker ? { borderLeftColor: marker } : undefined}
      {...drop}
    >
      <CellPresence peers={peers} />
      <DragHandle id={id} label={label} />
      <CellToolbar fields={fields} label={label} />
      {fields.kind === "text" ? (
        <TextBody id={id} inlineValueOf={inlineValueOf ?? noValue} />
      ) : (
        <FormulaBody fields={fields} result={result} names={names} />
      )}
    </section>
  );
});

const noValue = () => undefined;

function CellToolbar({ fields, label }: { fields: CellFields; label: string }) {
  const editor = useEditor();
  const { id } = fields;
  return (
    <div className="cell-head">
      {fields.kind === "text" ? (
        <span className="cell-head-fill" />
      ) : (
        <>
          <span className={`cell-kind kind-${fields.kind}`}>{KIND_LABEL[fields.kind]}</span>
          <NameField fields={fields} />
        </>
      )}
      {fields.kind === "text" ? null : (
        <CellFieldInput
          cellId={id}
          field="unit"
          value={fields.unit}
          label={`Unit of ${fields.name ?? "this cell"}`}
          placeholder="unit"
          className="unit-field"
        />
      )}
      {editor.readOnly ? null : (
        <div className="cell-actions">
          <IconButton icon="up" label={`Move ${label} up`} onClick={() => editor.moveCell(id, -1)} />
          <IconButton icon="down" label={`Move ${label} down`} onClick={() => editor.moveCell(id, 1)} />
          <IconButton
            icon="duplicate"
            label={`Duplicate ${label}`}
            onClick={() => editor.duplicateCell(id)}
          />
          <IconButton icon="delete" label={`Delete ${label}`} onClick={() => editor.deleteCell(id)} danger />
        </div>
      )}
    </div>
  );
}

function DragHandle({ id, label }: { id: string; label: string }) {
  const editor = useEditor();
  if (editor.readOnly) return null;
  return (
    <button
      type="button"
      className="drag-handle"
      draggable
      aria-label={`Move ${label} (drag, or Alt+Arrow keys)`}
      title="Drag to move · Alt+↑/↓"
      onDragStart={(event) => {
        event.dataTransfer.setData(CELL_DRAG_TYPE, id);
        event.dataTransfer.effectAllowed = "move";
      }}
      onKeyDown={(event) => {
        if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
        event.preventDefault();
        editor.moveCell(id, event.key === "ArrowUp" ? -1 : 1);
      }}
    >
      <Icon name="grip" />
    </button>
  );
}

function NameField({ fields }: { fields: CellFields }) {
  const { store } = useEditor();
  const check = (draft: string) => nameProblem(fields, draft, store.getNames());
  return (
    <CellFieldInput
      cellId={fields.id}
      field="name"
      value={fields.name}
      label={`Name of this ${fields.kind}`}
      placeholder={fields.kind === "model" ? "name (optional)" : "name"}
      className="name-field"
      check={check}
    />
  );
}

/** Why a name cannot be used, in the notebook package's words, or null. An unnamed model is allowed. */
function nameProblem(fields: CellFields, draft: string, names: readonly string[]): string | null {
  if (draft === "") return fields.kind === "parameter" ? "A parameter needs a name." : null;
  const taken = new Set(names.filter((name) => name !== fields.name));
  try {
    validateCellName(draft, taken);
    return null;
  } catch (caught) {
    return caught instanceof Error ? caught.message : String(caught);
  }
}

function IconButton(props: { icon: IconName; label: string; onClick: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      className={`icon-button${props.danger ? " danger" : ""}`}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}

/** Dropping a dragged cell on this one puts it before or after, by which half of this cell the pointer is over. */
function useDropTarget(id: string, setSide: (side: "before" | "after" | null) => void) {
  const editor = useEditor();
  const sideOf = (event: DragEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? "before" : "after";
  };
  if (editor.readOnly) return {};
  return {
    onDragOver(event: DragEvent<HTMLElement>) {
      if (!event.dataTransfer.types.includes(CELL_DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setSide(sideOf(event));
    },
    onDragLeave() {
      setSide(null);
    },
    onDrop(event: DragEvent<HTMLElement>) {
      const dragged = event.dataTransfer.getData(CELL_DRAG_TYPE);
      setSide(null);
      if (!dragged || dragged === id) return;
      event.preventDefault();
      editor.placeCell(dragged, { [sideOf(event)]: id } as { before: string } | { after: string });
    },
  };
}
