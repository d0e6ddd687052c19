/**
 * When to evaluate what, on the page side of the engine worker; pure (no Worker, no DOM), so it is tested in Node
 * against a real `EngineSession`.
 *
 * Every change of the notebook starts a new generation: the scheduler sends the worker only the cells and settings
 * that differ from what it sent before, asks at once for a preview on the first few hundred draws, and asks for the
 * full run once the notebook has been quiet for `quietMs`. Runs of older generations are superseded (the shell stops
 * them). A cell's shown result is stale while the generation it was computed at is older than the last change that
 * can affect the cell, and fresh again when a newer result arrives or a complete run shows the cell unaffected.
 */
import type { CellInput, CellSummary, EngineSettings } from "@crux/engine";
import { dependentCells } from "./dependents";
import type { FromWorker, ResultMessage, RunMessage, RunMode, UpdateMessage } from "./protocol";

export type CellResult = {
  summary: CellSummary;
  /** True while the cell or something it reads has changed since this result was computed. */
  stale: boolean;
  /** How many samples the summary is of: fewer than the notebook's count for a preview. */
  samples: number;
  /** For an error caused by a failed dependency: that cell's id (the engine names it by its name). */
  dependencyCellId?: string;
  /** The cell is a `P(...)` call: its number is a probability (the engine's summary is a plain number). */
  probability?: true;
};

export type EvaluationState = {
  results: Map<string, CellResult>;
  /** A run is in flight or due once typing pauses. */
  running: boolean;
  /** The engine itself failed (a bug, not an error in a cell): its message. */
  failure: string | undefined;
};

export type Timers = {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type SchedulerOptions = {
  post: (message: UpdateMessage | RunMessage) => void;
  /** Called when `generation` begins, before its update is posted: the shell stops the runs of older ones. */
  supersede: (generation: number) => void;
  onChange: (state: EvaluationState) => void;
  timers?: Timers;
  /** How long the notebook must be unchanged before the full run. */
  quietMs?: number;
  /** The largest preview; fewer draws when the last preview took longer than `previewBudgetMs`. */
  maxPreviewSamples?: number;
  previewBudgetMs?: number;
  /**
   * An edit whose full run is expected to take at most this long (at the last full run's cost per cell) skips the
   * preview and the quiet wait: the final answer comes as fast as a preview would.
   */
  fullRunBudgetMs?: number;
};

type StoredResult = { summary: CellSummary; samples: number; generation: number };

const MIN_PREVIEW_SAMPLES = 100;

/** A cell whose whole expression is `P(condition)`. */
const PROBABILITY_CALL = /^\s*P\s*\([\s\S]*\)\s*$/;

/**
 * Draws for the next preview: as many as fit the time budget at the cost per draw of the last complete preview, in
 * hundreds, between 100 and `max`. Previews are prefixes of the full run, so their size can change freely.
 */
export function previewSampleCount(
  last: { samples: number; elapsedMs: number } | undefined,
  max: number,
  budgetMs: number,
): number {
  if (!last) return max;
  const affordable = (last.samples * budgetMs) / Math.max(last.elapsedMs, 1);
  const rounded = Math.floor(affordable / MIN_PREVIEW_SAMPLES) * MIN_PREVIEW_SAMPLES;
  return Math.min(max, Math.max(MIN_PREVIEW_SAMPLES, rounded));
}

export class EvaluationScheduler {
  private generation = 0;
  private cells = new Map<string, CellInput>();
  private settings: EngineSettings | undefined;
  /** What the worker's session holds, to send it differences only. */
  private sent = new Map<string, CellInput>();
  private sentSettings: EngineSettings | undefined;
  private readonly stored = new Map<string, StoredResult>();
  /** The last generation whose changes can affect each cell. */
  private readonly changedAt = new Map<string, number>();
  private inFlight: { generation: number; mode: RunMode }[] = [];
  private quietTimer: unknown;
  private lastPreview: { samples: number; elapsedMs: number } | undefined;
  /** Cost per re-evaluated cell of the last complete full run. */
  private fullRunMsPerCell: number | undefined;
  /** How many cells the current generation's changes can affect. */
  private affectedCount = 0;
  private failure: string | undefined;
  private shown = new Map<string, CellResult>();
  private readonly timers: Timers;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** The notebook as it is now (all evaluable cells, in any order); only what changed is sent on. */
  update(cells: CellInput[], settings: EngineSettings): void {
    const next = new Map(cells.map((cell) => [cell.id, cell]));
    const settingsChanged = !sameSettings(this.settings, settings);
    const changed = [...new Set([...this.cells.keys(), ...next.keys()])].filter(
      (id) => !sameCell(this.cells.get(id), next.get(id)),
    );
    if (changed.length === 0 && !settingsChanged) return;
    const previous = this.cells;
    this.cells = next;
    this.settings = settings;
    this.startGeneration(() => this.markChanged(previous, changed, settingsChanged));
  }

  receive(message: FromWorker): void {
    const index = this.inFlight.findIndex(
      (run) =>
        run.generation === message.generation && (message.type === "failure" || run.mode === message.mode),
    );
    if (index >= 0) this.inFlight.splice(index, 1);
    if (message.type === "failure") this.failure = message.message;
    else this.merge(message);
    this.emit();
  }

  /** The worker itself failed (it crashed or could not load): nothing it was running will answer. */
  fail(message: string): void {
    this.failure = message;
    this.inFlight = [];
    this.emit();
  }

  /** A full run of a superseded generation is still being computed (the shell may kill it rather than wait). */
  fullRunInFlight(): boolean {
    return this.inFlight.some((run) => run.mode === "full");
  }

  /**
   * The worker was replaced by a fresh one: forget what the old one held and was running. Call it from `supersede`
   * (the generation being started then sends the new worker everything), or follow it with `resend()`.
   */
  forgetWorker(): void {
    this.sent = new Map();
    this.sentSettings = undefined;
    this.inFlight = [];
  }

  /** Sends a fresh worker the whole notebook and evaluates it; shown results stay valid meanwhile. */
  resend(): void {
    this.forgetWorker();
    if (this.settings) this.startGeneration(() => {});
  }

  dispose(): void {
    this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  private startGeneration(markChanged: () => void): void {
    const generation = ++this.generation;
    markChanged();
    this.options.supersede(generation);
    this.postUpdate(generation);
    this.requestRuns(generation);
    this.emit();
  }

  private markChanged(previous: Map<string, CellInput>, changed: string[], settingsChanged: boolean): void {
    for (const id of changed)
      if (!this.cells.has(id)) {
        this.stored.delete(id);
        this.changedAt.delete(id);
      }
    const names = changed.flatMap((id) => [previous.get(id)?.name, this.cells.get(id)?.name]);
    const affected = settingsChanged
      ? this.cells.keys()
      : dependentCells(
          this.cells,
          changed,
          names.filter((name): name is string => name !== undefined),
        );
    this.affectedCount = 0;
    for (const id of affected) {
      this.changedAt.set(id, this.generation);
      this.affectedCount++;
    }
  }

  private postUpdate(generation: number): void {
    const settings = this.settings as EngineSettings;
    const set = [...this.cells.values()].filter((cell) => !sameCell(this.sent.get(cell.id), cell));
    const remove = [...this.sent.keys()].filter((id) => !this.cells.has(id));
    const settingsChanged = !sameSettings(this.sentSettings, settings);
    this.options.post({
      type: "update",
      generation,
      set,
      remove,
      ...(settingsChanged ? { settings } : {}),
    });
    this.sent = new Map(this.cells);
    this.sentSettings = settings;
  }

  private requestRuns(generation: number): void {
    this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    const maxPreview = this.options.maxPreviewSamples ?? 1000;
    const previewSamples = previewSampleCount(
      this.lastPreview,
      maxPreview,
      this.options.previewBudgetMs ?? 50,
    );
    if (previewSamples >= (this.settings as EngineSettings).samples || this.fullRunFitsBudget(generation)) {
      // A preview would be the full run, or would not arrive sooner: do the full run at once.
      this.requestRun({ type: "run", generation, mode: "full" });
      return;
    }
    this.requestRun({ type: "run", generation, mode: "preview", samples: previewSamples });
    // The notebook as first loaded is not being typed into: refine it right away.
    const quietMs = generation === 1 ? 0 : (this.options.quietMs ?? 300);
    this.quietTimer = this.timers.setTimeout(() => {
      this.quietTimer = undefined;
      if (generation === this.generation) this.requestRun({ type: "run", generation, mode: "full" });
      this.emit();
    }, quietMs);
  }

  private fullRunFitsBudget(generation: number): boolean {
    if (generation === 1 || this.fullRunMsPerCell === undefined) return false;
    return this.fullRunMsPerCell * this.affectedCount <= (this.options.fullRunBudgetMs ?? 50);
  }

  private requestRun(run: RunMessage): void {
    this.inFlight.push({ generation: run.generation, mode: run.mode });
    this.options.post(run);
  }

  private merge(message: ResultMessage): void {
    this.failure = undefined;
    if (message.mode === "preview" && message.complete)
      this.lastPreview = { samples: message.samples, elapsedMs: message.elapsedMs };
    const fresh = new Map(message.summaries);
    if (message.mode === "full" && message.complete && fresh.size > 0)
      this.fullRunMsPerCell = message.elapsedMs / fresh.size;
    for (const [id, summary] of fresh) {
      const old = this.stored.get(id);
      const older =
        !old ||
        old.generation < message.generation ||
        (old.generation === message.generation && old.samples <= message.samples);
      if (this.cells.has(id) && older)
        this.stored.set(id, { summary, samples: message.samples, generation: message.generation });
    }
    if (!message.complete) return;
    // A complete run re-evaluates every cell that changed since the last complete full run: the others are
    // confirmed as they are at this generation.
    for (const [id, old] of this.stored)
      if (!fresh.has(id) && old.generation < message.generation)
        this.stored.set(id, { ...old, generation: message.generation });
  }

  private emit(): void {
    const shown = new Map<string, CellResult>();
    for (const [id, stored] of this.stored) {
      const stale = stored.generation < (this.changedAt.get(id) ?? 0);
      const previous = this.shown.get(id);
      // The same object when nothing changed, so memoized outputs skip re-rendering their charts.
      const unchanged =
        previous?.summary === stored.summary &&
        previous.stale === stale &&
        previous.samples === stored.samples;
      shown.set(id, unchanged ? previous : this.cellResult(id, stored, stale));
    }
    this.shown = shown;
    this.options.onChange({
      results: shown,
      running: this.inFlight.length > 0 || this.quietTimer !== undefined,
      failure: this.failure,
    });
  }

  private cellResult(id: string, stored: StoredResult, stale: boolean): CellResult {
    const { summary, samples } = stored;
    const dependency = summary.type === "error" ? summary.dependency : undefined;
    const dependencyCellId = dependency === undefined ? undefined : this.cellIdNamed(dependency);
    const probability = summary.type === "number" && PROBABILITY_CALL.test(this.cells.get(id)?.source ?? "");
    return {
      summary,
      stale,
      samples,
      ...(dependencyCellId ? { dependencyCellId } : {}),
      ...(probability ? { probability } : {}),
    };
  }

  /** The engine names a failed dependency by its name, or by its id when it has none. */
  private cellIdNamed(name: string): string | undefined {
    for (const cell of this.cells.values()) if (cell.name === name) return cell.id;
    return this.cells.has(name) ? name : undefined;
  }
}

function sameCell(a: CellInput | undefined, b: CellInput | undefined): boolean {
  return (
    a?.source === b?.source &&
    a?.name === b?.name &&
    a?.kind === b?.kind &&
    (a === undefined) === (b === undefined)
  );
}

function sameSettings(a: EngineSettings | undefined, b: EngineSettings): boolean {
  return a?.samples === b.samples && a.seed === b.seed;
}
