/**
 * A notebook's cells as one program: parse each cell, resolve names across cells, order them by dependency (naming
 * any cycle), and evaluate in that order, re-using the values of cells that did not change.
 */
import { CellContext, CruxError, evaluate, scopeOf, unknownName } from "./evaluate";
import { createBuiltins } from "./stdlib";
import { CruxSyntaxError, freeNames, type Node, parse } from "./syntax";
import type { Value } from "./values";

export type CellInput = { id: string; name?: string; source: string; kind?: "parameter" | "model" };
export type EngineSettings = { samples: number; seed: number };
export type EngineLimits = { maxSamples: number; maxDepth: number; cellTimeBudgetMs: number };

export const DEFAULT_LIMITS: EngineLimits = {
  maxSamples: 1_000_000,
  maxDepth: 1000,
  cellTimeBudgetMs: 10_000,
};

/** What evaluating a cell gave: a value, or an error with its position and the failed dependency, if any. */
export type Outcome = { ok: true; value: Value } | { ok: false; error: CruxError };

export type CompiledCell = CellInput & { program?: Node; syntaxError?: CruxError; references: Set<string> };

const BUILTIN_NAMES = new Set(
  createBuiltins(new CellContext(1, 1, "", { maxDepth: 1, deadline: Number.POSITIVE_INFINITY })).keys(),
);

export function compileCell(cell: CellInput): CompiledCell {
  try {
    const program = parse(cell.source);
    const references = new Set([...freeNames(program)].filter((name) => !BUILTIN_NAMES.has(name)));
    return { ...cell, program, references };
  } catch (error) {
    if (!(error instanceof CruxSyntaxError)) throw error;
    return { ...cell, syntaxError: new CruxError(error.message, error.at), references: new Set() };
  }
}

export type Graph = {
  cells: Map<string, CompiledCell>;
  /** Cell ids each cell reads. */
  dependencies: Map<string, string[]>;
  /** Cell ids in an order where every cell comes after what it reads (cycles excluded). */
  order: string[];
  /** Cells on a dependency cycle, with the cycle's description. */
  cycles: Map<string, string>;
};

export function buildGraph(compiled: Iterable<CompiledCell>): Graph {
  const cells = new Map([...compiled].map((cell) => [cell.id, cell]));
  const idByName = new Map<string, string>();
  for (const cell of cells.values()) if (cell.name) idByName.set(cell.name, cell.id);
  const dependencies = new Map(
    [...cells.values()].map((cell) => [
      cell.id,
      [...cell.references].flatMap((name) => {
        const id = idByName.get(name);
        return id === undefined ? [] : [id];
      }),
    ]),
  );
  const order: string[] = [];
  const cycles = new Map<string, string>();
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...path.slice(path.indexOf(id)), id];
      const description = `dependency cycle: ${cycle.map((cellId) => cells.get(cellId)?.name ?? cellId).join(" -> ")}`;
      for (const member of cycle) cycles.set(member, description);
      return;
    }
    state.set(id, "visiting");
    for (const dependency of dependencies.get(id) ?? []) visit(dependency, [...path, id]);
    state.set(id, "done");
    order.push(id);
  };
  for (const id of cells.keys()) visit(id, []);
  return { cells, dependencies, order, cycles };
}

/** Every cell that reads, directly or not, one of the given cells — including them. */
export function downstreamOf(graph: Graph, ids: Iterable<string>): Set<string> {
  const readers = new Map<string, string[]>();
  for (const [id, dependencies] of graph.dependencies)
    for (const dependency of dependencies) readers.set(dependency, [...(readers.get(dependency) ?? []), id]);
  const result = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop() as string;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(readers.get(id) ?? []));
  }
  return result;
}

/**
 * Evaluates the cells of `graph` in dependency order. Outcomes in `reuse` are kept for cells not in `dirty`
 * (all cells are dirty when `dirty` is omitted). `shouldStop` is asked between cells so a stale run can end early;
 * `settled` is called as soon as a cell's outcome is known (evaluated or reused), so work on it can follow at once.
 */
export function evaluateGraph(
  graph: Graph,
  settings: EngineSettings,
  options: {
    reuse?: Map<string, Outcome>;
    dirty?: Set<string>;
    limits?: EngineLimits;
    shouldStop?: () => boolean;
    /** Filled with the milliseconds each evaluated (not reused) cell took. */
    cellMs?: Map<string, number>;
    settled?: (id: string, outcomes: Map<string, Outcome>) => void;
  } = {},
): Map<string, Outcome> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const outcomes = new Map<string, Outcome>();
  for (const id of graph.order) {
    if (options.shouldStop?.()) break;
    const reused = options.dirty && !options.dirty.has(id) ? options.reuse?.get(id) : undefined;
    if (reused) outcomes.set(id, reused);
    else {
      const start = performance.now();
      outcomes.set(id, evaluateCell(graph, id, settings, limits, outcomes));
      options.cellMs?.set(id, performance.now() - start);
    }
    options.settled?.(id, outcomes);
  }
  return outcomes;
}

function evaluateCell(
  graph: Graph,
  id: string,
  settings: EngineSettings,
  limits: EngineLimits,
  outcomes: Map<string, Outcome>,
): Outcome {
  const cell = graph.cells.get(id) as CompiledCell;
  const fail = (error: CruxError): Outcome => ({ ok: false, error });
  if (settings.samples > limits.maxSamples || !(settings.samples >= 1))
    return fail(
      new CruxError(`the sample count must be between 1 and ${limits.maxSamples.toLocaleString("en")}`),
    );
  if (cell.syntaxError) return fail(cell.syntaxError);
  const cycle = graph.cycles.get(id);
  if (cycle) return fail(new CruxError(cycle));
  const inputs = new Map<string, Value>();
  for (const dependencyId of graph.dependencies.get(id) ?? []) {
    const dependency = graph.cells.get(dependencyId) as CompiledCell;
    const outcome = outcomes.get(dependencyId);
    const name = dependency.name ?? dependencyId;
    if (!outcome?.ok)
      return fail(new CruxError(`depends on '${name}', which has an error`, referenceTo(cell, name), name));
    inputs.set(name, outcome.value);
  }
  const context = new CellContext(settings.samples, settings.seed, id, {
    maxDepth: limits.maxDepth,
    deadline: Date.now() + limits.cellTimeBudgetMs,
  });
  const scope = scopeOf(inputs, scopeOf(createBuiltins(context)));
  try {
    for (const name of cell.references)
      if (!inputs.has(name))
        throw unknownName(name, referenceTo(cell, name) ?? { offset: 0, line: 1, column: 1 }, {
          lookup: () => undefined,
          names: () =>
            [...graph.cells.values()]
              .flatMap((other) => (other.name ? [other.name] : []))
              .concat([...BUILTIN_NAMES]),
        });
    return { ok: true, value: evaluate(cell.program as Node, scope, context) };
  } catch (error) {
    if (error instanceof CruxError) return fail(error);
    if (error instanceof RangeError)
      return fail(new CruxError("this cell nests or recurses too deeply to evaluate"));
    throw error;
  }
}

/** Where a cell first mentions a name, so errors about that name point at it. */
function referenceTo(cell: CompiledCell, name: string) {
  let found: Node["at"] | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== "object") return;
    const candidate = node as { kind?: string; name?: string; at?: Node["at"] };
    if (candidate.kind === "name" && candidate.name === name) found = candidate.at;
    for (const child of Object.values(node)) if (child && typeof child === "object") visit(child);
  };
  visit(cell.program);
  return found;
}
