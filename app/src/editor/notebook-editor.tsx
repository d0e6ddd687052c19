"use client";
import type { RouterOutputs } from "@crux/api";
/**
 * The notebook page's editor: connects the document, then shows the header (title, who is here, connection, menu)
 * and the column of cells with their live outputs. Everything a cell does goes through `@crux/notebook`'s
 * mutations, so every edit is one local transaction the shared undo manager can take back.
 */
import {
  type CellKind,
  createUndoManager,
  deleteCell,
  duplicateCell,
  moveCell,
  NotebookEditError,
  type Placement,
} from "@crux/notebook";
import type { NotebookConnection } from "@crux/sync/client";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import { useNotebookEvaluation } from "@/evaluation/use-notebook-evaluation";
import { inlineValue } from "@/outputs/format";
import { Cell } from "./cell";
import { addCell, asUndoStep, moveBy } from "./cell-actions";
import { ConnectionIndicator } from "./connection-indicator";
import { EditorProvider, type NotebookEditorServices } from "./editor-context";
import { EmptyNotebook } from "./empty-notebook";
import { InsertBar } from "./insert-bar";
import { NotebookMenu } from "./notebook-menu";
import { NotebookStore, useCellNames, useCellOrder } from "./notebook-store";
import { type Peer, PresenceAvatars, usePeers } from "./presence";
import { SettingsDialog } from "./settings-dialog";
import { ShareDialog } from "./share-dialog";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { Toast, type ToastMessage } from "./toast";
import { useCellFocus } from "./use-cell-focus";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { describeRefusal, useNotebookConnection } from "./use-notebook-connection";
import { useNotebookTitle } from "./use-notebook-title";

type NotebookRole = RouterOutputs["notebook"]["syncToken"]["role"];

export type NotebookEditorProps = {
  notebookId: string;
  title: string;
  ownerName: string;
  role: NotebookRole;
  syncUrl: string;
  /** This user: their other tabs are not "someone else here". */
  userId: string;
};

export function NotebookEditor(props: NotebookEditorProps) {
  const connection = useNotebookConnection(props.notebookId, props.syncUrl);
  const services = useDocServices(connection.doc);
  if (connection.refused && !connection.ready)
    return (
      <EditorFrame>
        <p role="alert" className="error">
          {describeRefusal(connection.refused)}
        </p>
      </EditorFrame>
    );
  // Also what the server renders. The header comes with the document, not before: its controls only work once
  // React runs in the browser, and a heading there would invite clicks that do nothing yet.
  if (!connection.doc || !connection.connection || !services)
    return (
      <EditorFrame>
        <LoadingMessage />
      </EditorFrame>
    );
  return (
    <LoadedEditor
      {...props}
      doc={connection.doc}
      connection={connection.connection}
      status={connection.status}
      ready={connection.ready}
      refused={connection.refused}
      store={services.store}
      undoManager={services.undoManager}
    />
  );
}

/** The store and undo manager of one document, made and torn down with it. */
function useDocServices(doc: Y.Doc | null) {
  const [services, setServices] = useState<{
    doc: Y.Doc;
    store: NotebookStore;
    undoManager: Y.UndoManager;
  }>();
  useEffect(() => {
    if (!doc) return;
    const store = new NotebookStore(doc);
    const undoManager = createUndoManager(doc);
    setServices({ doc, store, undoManager });
    return () => {
      store.destroy();
      undoManager.destroy();
    };
  }, [doc]);
  return services?.doc === doc ? services : undefined;
}

function EditorFrame({ children, readOnly = false }: { children: ReactNode; readOnly?: boolean }) {
  return (
    <article className={`notebook-editor${readOnly ? " read-only" : ""}`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="/">← All notebooks</a>
      </nav>
      {children}
    </article>
  );
}

function LoadingMessage() {
  return (
    <p className="muted loading" role="status">
      Opening the notebook…
    </p>
  );
}

type LoadedProps = NotebookEditorProps & {
  doc: Y.Doc;
  connection: NotebookConnection;
  status: NotebookConnection["status"];
  ready: boolean;
  refused: string | null;
  store: NotebookStore;
  undoManager: Y.UndoManager;
};

function LoadedEditor(props: LoadedProps) {
  const { doc, store, undoManager, connection } = props;
  const order = useCellOrder(store);
  const names = useCellNames(store);
  const readOnly = props.role === "COMMENTER" || props.role === "VIEWER" || connection.readOnly;
  const awareness = connection.provider.awareness;
  const peers = usePeers(awareness, props.userId);
  // The browser's offline copy fills the document before (or without) the server: its cells are worth evaluating.
  const { results } = useNotebookEvaluation(props.ready || order.length > 0 ? doc : null);
  const [error, setError] = useState<string | null>(null);
  const title = useNotebookTitle({
    notebookId: props.notebookId,
    initialTitle: props.title,
    doc,
    undoManager,
    ready: props.ready,
    onError: setError,
  });
  const [dialog, setDialog] = useState<"settings" | "shortcuts" | "share" | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const focusCell = useCellFocus(order);
  const currentCell = useRef<string | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);

  const services = useMemo<NotebookEditorServices>(() => {
    // Each cell action is an undo step of its own; a refused one (a collaborator deleted the cell a moment ago, a
    // name taken meanwhile) is a message, not a crash.
    const attempt = (edit: () => void) => {
      try {
        asUndoStep(undoManager, edit);
      } catch (caught) {
        if (!(caught instanceof NotebookEditError)) throw caught;
        setError(caught.message);
      }
    };
    return {
      doc,
      store,
      undoManager,
      awareness,
      readOnly,
      insertCell: (kind: CellKind, placement: Placement) =>
        attempt(() => focusCell(addCell(doc, kind, store.getNames(), placement))),
      deleteCell: (id) =>
        attempt(() => {
          const next = neighbourOf(store.getOrder(), id);
          deleteCell(doc, id);
          setToast({
            id: Date.now(),
            text: "Cell deleted.",
            action: { label: "Undo", run: () => undoManager.undo() },
          });
          if (next) focusCell(next, "shell");
        }),
      duplicateCell: (id) => attempt(() => focusCell(duplicateCell(doc, id))),
      moveCell: (id, step) => attempt(() => moveBy(doc, store.getOrder(), id, step) && focusCell(id, "keep")),
      placeCell: (id, placement) => attempt(() => moveCell(doc, id, placement)),
      enterCell: (id) => {
        if (currentCell.current === id) return;
        currentCell.current = id;
        connection.setPresence({ cell: id });
        // An undo step never spans two cells, however quickly the user moved on.
        undoManager.stopCapturing();
      },
      showCell: (id) => focusCell(id, "scroll"),
      cellName: (id) => store.cell(id)?.name,
    };
  }, [doc, store, undoManager, awareness, readOnly, connection, focusCell]);

  useDismissOnNextEdit(undoManager, toast, dismissToast);
  const showShortcuts = useCallback(() => setDialog("shortcuts"), []);
  const undo = useCallback(() => undoManager.undo(), [undoManager]);
  const redo = useCallback(() => undoManager.redo(), [undoManager]);
  useEditorShortcuts({ services, currentCell, onHelp: showShortcuts, onUndo: undo, onRedo: redo });

  const peersByCell = useMemo(() => groupByCell(peers), [peers]);
  const inlineValueOf = useCallback(
    (name: string) => {
      const id = store.idOfName(name);
      const result = id ? results.get(id) : undefined;
      return result ? inlineValue(result.summary) : undefined;
    },
    [store, results],
  );

  return (
    <EditorProvider value={services}>
      <EditorFrame readOnly={readOnly}>
        <header className="notebook-header">
          <div className="notebook-title">
            <h1>{title.title}</h1>
            <p className="muted">
              by {props.ownerName}
              {readOnly ? (
                <span className="badge view-only" title="You can read this notebook but not change it">
                  View only
                </span>
              ) : null}
            </p>
          </div>
          <div className="notebook-tools">
            <PresenceAvatars peers={peers} />
            <ConnectionIndicator status={props.status} everConnected={props.ready} />
            <button type="button" onClick={() => setDialog("share")}>
              Share
            </button>
            <NotebookMenu
              notebookId={props.notebookId}
              doc={doc}
              title={title.title}
              canEdit={!readOnly}
              isOwner={props.role === "OWNER"}
              rename={title.rename}
              onSettings={() => setDialog("settings")}
              onShortcuts={showShortcuts}
              onError={setError}
            />
          </div>
        </header>
        {props.refused ? (
          <p role="alert" className="error">
            {describeRefusal(props.refused)}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="error dismissible">
            {error}
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </p>
        ) : null}
        {!props.ready && order.length === 0 ? <LoadingMessage /> : null}
        {props.ready && order.length === 0 ? (
          readOnly ? (
            <p className="card empty">This notebook has no cells yet.</p>
          ) : (
            <EmptyNotebook doc={doc} onBlank={() => services.insertCell("parameter", "end")} />
          )
        ) : null}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: focus tracking only; every control inside is its own */}
        <div
          className="cells"
          onFocus={(event) => {
            const cell = (event.target as HTMLElement).closest<HTMLElement>("[data-cell-id]");
            if (cell?.dataset.cellId) services.enterCell(cell.dataset.cellId);
          }}
        >
          {order.map((id) => (
            <div key={id} className="cell-slot">
              <InsertBar before={id} />
              <Cell
                id={id}
                result={results.get(id)}
                peers={peersByCell.get(id) ?? NO_PEERS}
                names={names}
                inlineValueOf={store.cell(id)?.kind === "text" ? inlineValueOf : undefined}
              />
            </div>
          ))}
          {order.length > 0 ? <InsertBar prominent /> : null}
        </div>
        <SettingsDialog
          open={dialog === "settings"}
          onClose={() => setDialog(null)}
          doc={doc}
          store={store}
          readOnly={readOnly}
        />
        <ShortcutsDialog open={dialog === "shortcuts"} onClose={() => setDialog(null)} />
        <ShareDialog
          open={dialog === "share"}
          onClose={() => setDialog(null)}
          notebookId={props.notebookId}
          userId={props.userId}
        />
        <Toast toast={toast} onDismiss={dismissToast} />
      </EditorFrame>
    </EditorProvider>
  );
}

const NO_PEERS: Peer[] = [];

function groupByCell(peers: Peer[]): Map<string, Peer[]> {
  const byCell = new Map<string, Peer[]>();
  for (const peer of peers) if (peer.cell) byCell.set(peer.cell, [...(byCell.get(peer.cell) ?? []), peer]);
  return byCell;
}

/** The cell after `id`, else the one before: where focus goes when `id` is deleted. */
function neighbourOf(order: readonly string[], id: string): string | undefined {
  const index = order.indexOf(id);
  return order[index + 1] ?? order[index - 1];
}

/** The "Cell deleted — Undo" toast offers to undo the delete only while it is the last thing this user did. */
function useDismissOnNextEdit(undoManager: Y.UndoManager, toast: ToastMessage | null, dismiss: () => void) {
  useEffect(() => {
    if (!toast) return;
    undoManager.on("stack-item-added", dismiss);
    return () => undoManager.off("stack-item-added", dismiss);
  }, [undoManager, toast, dismiss]);
}
