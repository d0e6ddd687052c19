/**
 * The reactive engine the app runs in a Web Worker: cells are set and removed one at a time, and `evaluate`
 * recomputes only the cells that changed and the cells that read them.
 */
import {
  buildGraph,
  type CellInput,
  type CompiledCell,
  compileCell,
  DEFAULT_LIMITS,
  downstreamOf,
  type EngineLimits,
  type EngineSettings,
  evaluateGraph,
  type Graph,
  type Outcome,
} from "./notebook";
import { SensitivityAnalysis } from "./sensitivity";
import { type CellSummary, summarizeError, summarizeValue } from "./summarize";
import type { Value } from "./values";

export type EvaluationResult = {
  /**
   * A complete run: the summaries of every cell re-evaluated since the last complete run (all cells on the first
   * run or after a settings change), including cells finished by runs stopped on the way. A stopped run: the
   * summaries of the cells it finished.
   */
  summaries: Map<string, CellSummary>;
  /** False when the run was stopped by `shouldStop` before it finished. */
  complete: boolean;
  /** How many samples the summaries are of: the settings' count, or fewer for a preview. */
  samples: number;
  /** Milliseconds each re-evaluated cell took, summaries excluded (for `crux bench` and profiling). */
  cellMs: Map<string, number>;
};

type RunOptions = { shouldStop?: () => boolean };

export class EngineSession {
  private readonly compiled = new Map<string, CompiledCell>();
  /** Cells whose stored outcome is out of date: edited, renamed away from, or reading such a cell. */
  private readonly dirty = new Set<string>();
  /** The latest outcome of each evaluated cell (current unless the cell is dirty) and its summary once made. */
  private readonly outcomes = new Map<string, Outcome>();
  private readonly summaries = new Map<string, CellSummary>();
  /** Cells re-evaluated since the last complete run: the next complete run reports them all. */
  private readonly unreported = new Set<string>();
  private readonly sensitivity = new SensitivityAnalysis();

  constructor(
    private settings: EngineSettings,
    private readonly options: { sensitivity?: boolean; limits?: EngineLimits } = {},
  ) {}

  setCell(cell: CellInput): void {
    const previous = this.compiled.get(cell.id);
    if (
      previous &&
      previous.source === cell.source &&
      previous.name === cell.name &&
      previous.kind === cell.kind
    )
      return;
    // A renamed cell changes what other cells' names resolve to: re-evaluate the readers of both names.
    if (previous?.name !== cell.name) this.markReadersOf([previous?.name, cell.name]);
    this.compiled.set(cell.id, compileCell(cell));
    this.dirty.add(cell.id);
  }

  removeCell(id: string): void {
    const previous = this.compiled.get(id);
    if (!previous) return;
    this.markReadersOf([previous.name]);
    this.compiled.delete(id);
    this.outcomes.delete(id);
    this.summaries.delete(id);
    this.dirty.delete(id);
    this.unreported.delete(id);
  }

  setSettings(settings: EngineSettings): void {
    if (settings.samples === this.settings.samples && settings.seed === this.settings.seed) return;
    this.settings = settings;
    for (const id of this.compiled.keys()) this.dirty.add(id);
  }

  /**
   * Re-evaluates what changed and everything downstream of it, summarising each cell as soon as it is evaluated.
   * A stop (asked between cells and between a cell's sensitivity steps) returns at once; what was finished is kept,
   * so the next run evaluates and summarises only the rest.
   */
  evaluate(options: RunOptions = {}): EvaluationResult {
    const stop = stopSignal(options.shouldStop);
    const graph = buildGraph(this.compiled.values());
    const affected = downstreamOf(graph, this.dirty);
    for (const id of affected) {
      this.dirty.add(id);
      this.summaries.delete(id);
      this.unreported.add(id);
    }
    const finished = new Map<string, CellSummary>();
    const cellMs = new Map<string, number>();
    evaluateGraph(graph, this.settings, {
      reuse: this.outcomes,
      dirty: affected,
      cellMs,
      ...this.limits(),
      shouldStop: stop.check,
      settled: (id, outcomes) => {
        this.outcomes.set(id, outcomes.get(id) as Outcome);
        this.dirty.delete(id);
        if (this.summaries.has(id)) return;
        // Undefined when stopped within the cell's sensitivity: the next run summarises it without re-evaluating.
        const summary = this.summarizeCell(graph, id, outcomes, stop.check);
        if (!summary) return;
        this.summaries.set(id, summary);
        finished.set(id, summary);
      },
    });
    const complete = !stop.stopped;
    if (!complete) return { summaries: finished, complete, samples: this.settings.samples, cellMs };
    const summaries = new Map([...this.unreported].map((id) => [id, this.summaries.get(id) as CellSummary]));
    this.unreported.clear();
    return { summaries, complete, samples: this.settings.samples, cellMs };
  }

  /**
   * A quick look at what `evaluate` will give, while the user is still typing: the changed cells and their readers
   * evaluated on the first `samples` draws only, without changing the session. Every random stream yields its draws
   * in sample order, so these are exactly the first draws of the full run (not a different, smaller simulation);
   * unchanged cells contribute the first `samples` of their stored values. Cells holding functions are re-run too,
   * because a function closes over full-length samples.
   */
  preview(samples: number, options: RunOptions = {}): EvaluationResult {
    if (!(samples >= 1 && samples < this.settings.samples)) return this.evaluate(options);
    const stop = stopSignal(options.shouldStop);
    const graph = buildGraph(this.compiled.values());
    const affected = downstreamOf(graph, this.dirty);
    const rerun = new Set(affected);
    const prefixes = new Map<string, Outcome>();
    for (const [id, outcome] of this.outcomes) {
      if (!outcome.ok) prefixes.set(id, outcome);
      else if (holdsFunction(outcome.value)) rerun.add(id);
      else prefixes.set(id, { ok: true, value: prefixOf(outcome.value, samples) });
    }
    const summaries = new Map<string, CellSummary>();
    const cellMs = new Map<string, number>();
    evaluateGraph(
      graph,
      { ...this.settings, samples },
      {
        reuse: prefixes,
        dirty: rerun,
        cellMs,
        ...this.limits(),
        shouldStop: stop.check,
        settled: (id, outcomes) => {
          const summary = affected.has(id) && this.summarizeCell(graph, id, outcomes, stop.check);
          if (summary) summaries.set(id, summary);
        },
      },
    );
    return { summaries, complete: !stop.stopped, samples, cellMs };
  }

  /**
   * The notebook as if one cell's source were `source`, on the same draws, without changing the session:
   * for counter-estimates and fork comparisons. Returns summaries of that cell and everything downstream of it.
   */
  overlay(cellId: string, source: string): Map<string, CellSummary> {
    const cell = this.compiled.get(cellId);
    if (!cell) throw new Error(`no cell with id ${cellId}`);
    const cells = new Map(this.compiled);
    cells.set(cellId, compileCell({ ...cell, source }));
    const graph = buildGraph(cells.values());
    const affected = downstreamOf(graph, [cellId, ...this.dirty]);
    const summaries = new Map<string, CellSummary>();
    evaluateGraph(graph, this.settings, {
      reuse: this.outcomes,
      dirty: affected,
      ...this.limits(),
      settled: (id, outcomes) => {
        const summary = affected.has(id) && this.summarizeCell(graph, id, outcomes, () => false);
        if (summary) summaries.set(id, summary);
      },
    });
    return summaries;
  }

  /** A cell's summary, with its sensitivity when the session reports it; undefined when stopped meanwhile. */
  private summarizeCell(
    graph: Graph,
    id: string,
    outcomes: Map<string, Outcome>,
    shouldStop: () => boolean,
  ): CellSummary | undefined {
    const outcome = outcomes.get(id) as Outcome;
    if (!outcome.ok) return summarizeError(outcome.error);
    const summary = summarizeValue(outcome.value);
    if (!this.options.sensitivity || summary.type !== "distribution") return summary;
    const fields = this.sensitivity.of(graph, id, outcomes, shouldStop);
    return fields && { ...summary, ...fields };
  }

  private limits() {
    return this.options.limits ? { limits: this.options.limits } : {};
  }

  private markReadersOf(names: (string | undefined)[]): void {
    for (const cell of this.compiled.values())
      if (names.some((name) => name !== undefined && cell.references.has(name))) this.dirty.add(cell.id);
  }
}

/** `shouldStop`, asked until it first says yes: the run then winds down without asking again. */
function stopSignal(shouldStop: (() => boolean) | undefined) {
  const signal = {
    stopped: false,
    check: (): boolean => {
      if (!signal.stopped && shouldStop?.()) signal.stopped = true;
      return signal.stopped;
    },
  };
  return signal;
}

function holdsFunction(value: Value): boolean {
  if (value.type === "function") return true;
  if (value.type === "list") return value.items.some(holdsFunction);
  if (value.type === "record") return [...value.fields.values()].some(holdsFunction);
  return false;
}

/** The first `count` samples of a value (views, not copies: nothing writes into a stored value). */
function prefixOf(value: Value, count: number): Value {
  switch (value.type) {
    case "samples":
      return { ...value, data: value.data.subarray(0, count) };
    case "list":
      return { type: "list", items: value.items.map((item) => prefixOf(item, count)) };
    case "record":
      return {
        type: "record",
        fields: new Map([...value.fields].map(([key, field]) => [key, prefixOf(field, count)])),
      };
    case "series":
      return {
        ...value,
        y: value.y.map((point) => prefixOf(point, count)),
        ...(value.blowup ? { blowup: { times: value.blowup.times.subarray(0, count) } } : {}),
      };
    default:
      return value;
  }
}

/** One-shot evaluation of a whole notebook (the CLI, the server, tests). */
export function evaluateNotebook(
  cells: CellInput[],
  settings: EngineSettings,
  options: { sensitivity?: boolean; limits?: EngineLimits } = {},
): Map<string, CellSummary> {
  const session = new EngineSession(settings, { limits: options.limits ?? DEFAULT_LIMITS, ...options });
  for (const cell of cells) session.setCell(cell);
  return session.evaluate().summaries;
}
