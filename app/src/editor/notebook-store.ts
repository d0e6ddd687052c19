/**
 * React's view of a notebook document. The column re-renders only when the order or the set of cells changes, and a
 * cell only when one of ITS short fields changes: typing in an expression (a Y.Text an editor binds to directly)
 * re-renders nothing, which keeps keystrokes cheap on notebooks with many cells.
 */
import {
  type CellKind,
  getCell,
  getSettings,
  type IdentifiedCell,
  type NotebookSettings,
  observeNotebook,
  orderedCellIds,
} from "@crux/notebook";
import { useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** What a cell shell shows: everything but the collaborative text, which its editor reads itself. */
export type CellFields = {
  id: string;
  kind: CellKind;
  name?: string;
  unit?: string;
  description?: string;
  source?: string;
};

type Listener = () => void;

export class NotebookStore {
  private order: string[];
  private readonly fields = new Map<string, CellFields>();
  private names: string[] = [];
  private settings: NotebookSettings;
  private readonly listeners = new Set<Listener>();
  private readonly cellListeners = new Map<string, Set<Listener>>();
  private readonly stopObserving: () => void;

  constructor(private readonly doc: Y.Doc) {
    this.order = orderedCellIds(doc);
    for (const id of this.order) this.refreshCell(id);
    this.names = this.collectNames();
    this.settings = getSettings(doc);
    this.stopObserving = observeNotebook(doc, (change) => {
      const changedCells = change.cellIds.filter((id) => this.refreshCell(id));
      const orderChanged = this.refreshOrder();
      if (changedCells.length > 0) this.names = this.collectNames();
      if (change.settings) this.settings = getSettings(doc);
      for (const id of changedCells) for (const listener of this.cellListeners.get(id) ?? []) listener();
      if (orderChanged || changedCells.length > 0 || change.settings)
        for (const listener of this.listeners) listener();
    });
  }

  destroy(): void {
    this.stopObserving();
    this.listeners.clear();
    this.cellListeners.clear();
  }

  readonly subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeCell(id: string, listener: Listener): () => void {
    const set = this.cellListeners.get(id) ?? new Set();
    set.add(listener);
    this.cellListeners.set(id, set);
    return () => set.delete(listener);
  }

  readonly getOrder = () => this.order;
  readonly getNames = () => this.names;
  readonly getSettings = () => this.settings;
  cell(id: string): CellFields | undefined {
    return this.fields.get(id);
  }

  /** The id of the parameter or model cell with this name, for inline values and links between cells. */
  idOfName(name: string): string | undefined {
    for (const [id, cell] of this.fields) if (cell.name === name) return id;
    return undefined;
  }

  /** Re-reads one cell; true when what a shell shows changed (or the cell appeared or went away). */
  private refreshCell(id: string): boolean {
    const cell = getCell(this.doc, id);
    const previous = this.fields.get(id);
    if (!cell) return this.fields.delete(id);
    const next = shellFields(cell);
    if (previous && sameFields(previous, next)) return false;
    this.fields.set(id, next);
    return true;
  }

  private refreshOrder(): boolean {
    const next = orderedCellIds(this.doc);
    const same = next.length === this.order.length && next.every((id, index) => id === this.order[index]);
    if (!same) this.order = next;
    return !same;
  }

  private collectNames(): string[] {
    return [...this.fields.values()].flatMap((cell) => (cell.name ? [cell.name] : []));
  }
}

function shellFields(cell: IdentifiedCell): CellFields {
  if (cell.kind === "text") return { id: cell.id, kind: cell.kind };
  const { id, kind, name, unit, description, source } = cell;
  return { id, kind, name, unit, description, source };
}

function sameFields(a: CellFields, b: CellFields): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.unit === b.unit &&
    a.description === b.description &&
    a.source === b.source
  );
}

export function useCellOrder(store: NotebookStore): string[] {
  return useSyncExternalStore(store.subscribe, store.getOrder, store.getOrder);
}

export function useCellNames(store: NotebookStore): string[] {
  return useSyncExternalStore(store.subscribe, store.getNames, store.getNames);
}

export function useSettings(store: NotebookStore): NotebookSettings {
  return useSyncExternalStore(store.subscribe, store.getSettings, store.getSettings);
}

export function useCellFields(store: NotebookStore, id: string): CellFields | undefined {
  const subscribe = useCallback((listener: Listener) => store.subscribeCell(id, listener), [store, id]);
  const read = useCallback(() => store.cell(id), [store, id]);
  return useSyncExternalStore(subscribe, read, read);
}
