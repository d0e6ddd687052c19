/** Live results of a notebook's cells, evaluated in a Web Worker as the document changes. */
import { engineCellsFromDoc, getSettings, observeNotebook } from "@crux/notebook";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { startEngine } from "./engine-client";
import type { EvaluationState } from "./scheduler";

export type { CellResult, EvaluationState } from "./scheduler";

const NOTHING_YET: EvaluationState = { results: new Map(), running: false, failure: undefined };

export function useNotebookEvaluation(doc: Y.Doc | null): EvaluationState {
  const [state, setState] = useState<EvaluationState>(NOTHING_YET);
  useEffect(() => {
    setState(NOTHING_YET);
    if (!doc) return;
    const engine = startEngine(setState);
    const sync = () => engine.update(engineCellsFromDoc(doc), getSettings(doc));
    sync();
    // Title changes do not matter to the engine; the scheduler ignores cell changes it cannot see (moves, units).
    const stopObserving = observeNotebook(doc, (change) => {
      if (change.cellIds.length > 0 || change.settings) sync();
    });
    return () => {
      stopObserving();
      engine.dispose();
    };
  }, [doc]);
  return state;
}
