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
  type Outcome,
} from "./notebook";
import { addSensitivity, type CellSummary, summarizeError, summarizeValue } from "./summarize";
import type { Value } from "./values";

export type EvaluationResult = {
  /** Summaries of the cells that were re-evaluated (all cells on the first run or after a settings change). */
  summaries: Map<string, CellSummary>;
  /** False when the run was stopped by `shouldStop` before it finished. */
  complete: boolean;
  /** How many samples the summaries are of: the settings' count, or fewer for a preview. */
  samples: number;
  /** Milliseconds each re-evaluated cell took, summaries excluded (for `crux bench` and profiling). */
  cellMs: Map<string, number>;
};

export class EngineSession {
  private readonly compiled = new Map<string, CompiledCell>();
  private readonly dirty = new Set<string>();
  private outcomes = new Map<string, Outcome>();

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
    this.dirty.delete(id);
  }

  setSettings(settings: EngineSettings): void {
    if (settings.samples === this.settings.samples && settings.seed === this.settings.seed) return;
    this.settings = settings;
    for (const id of this.compiled.keys()) this.dirty.add(id);
  }

  /** Re-evaluates what changed and everything downstream of it. */
  evaluate(options: { shouldStop?: () => boolean } = {}): EvaluationResult {
    const graph = buildGraph(this.compiled.values());
    const affected = downstreamOf(graph, this.dirty);
    const cellMs = new Map<string, number>();
    const outcomes = evaluateGraph(graph, this.settings, {
      reuse: this.outcomes,
      dirty: affected,
      cellMs,
      ...(this.options.limits ? { limits: this.options.limits } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    const complete = outcomes.size === graph.order.length;
    if (complete) {
      this.outcomes = outcomes;
      this.dirty.clear();
    }
    const summaries = this.summarize(graph, outcomes, affected);
    return { summaries, complete, samples: this.settings.samples, cellMs };
  }

  /**
   * A quick look at what `evaluate` will give, while the user is still typing: the changed cells and their readers
   * evaluated on the first `samples` draws only, without changing the session. Every random stream yields its draws
   * in sample order, so these are exactly the first draws of the full run (not a different, smaller simulation);
   * unchanged cells contribute the first `samples` of their stored values. Cells holding functions are re-run too,
   * because a function closes over full-length samples.
   */
  preview(samples: number, options: { shouldStop?: () => boolean } = {}): EvaluationResult {
    if (!(samples >= 1 && samples < this.settings.samples)) return this.evaluate(options);
    const graph = buildGraph(this.compiled.values());
    const affected = downstreamOf(graph, this.dirty);
    const rerun = new Set(affected);
    const prefixes = new Map<string, Outcome>();
    for (const [id, outcome] of this.outcomes) {
      if (!outcome.ok) prefixes.set(id, outcome);
      else if (holdsFunction(outcome.value)) rerun.add(id);
      else prefixes.set(id, { ok: true, value: prefixOf(outcome.value, samples) });
    }
    const cellMs = new Map<string, number>();
    const outcomes = evaluateGraph(
      graph,
      { ...this.settings, samples },
      {
        reuse: prefixes,
        dirty: rerun,
        cellMs,
        ...(this.options.limits ? { limits: this.options.limits } : {}),
        ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      },
    );
    const complete = outcomes.size === graph.order.length;
    return { summaries: this.summarize(graph, outcomes, affected), complete, samples, cellMs };
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
    const outcomes = evaluateGraph(graph, this.settings, { reuse: this.outcomes, dirty: affected });
    return this.summarize(graph, outcomes, affected);
  }

  private summarize(graph: ReturnType<typeof buildGraph>, outcomes: Map<string, Outcome>, ids: Set<string>) {
    const summaries = new Map<string, CellSummary>();
    for (const [id, outcome] of outcomes)
      if (ids.has(id))
        summaries.set(id, outcome.ok ? summarizeValue(outcome.value) : summarizeError(outcome.error));
    if (this.options.sensitivity) addSensitivity(graph, outcomes, summaries);
    return summaries;
  }

  private markReadersOf(names: (string | undefined)[]): void {
    for (const cell of this.compiled.values())
      if (names.some((name) => name !== undefined && cell.references.has(name))) this.dirty.add(cell.id);
  }
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
