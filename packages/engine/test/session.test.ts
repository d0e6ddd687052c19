import { describe, expect, it } from "vitest";
import { type CellInput, EngineSession, evaluateNotebook } from "../src";

const SETTINGS = { samples: 1000, seed: 7 };

const parameter = (name: string, source: string): CellInput => ({
  id: name,
  name,
  source,
  kind: "parameter",
});
const model = (name: string, source: string): CellInput => ({ id: name, name, source, kind: "model" });

/** Parameters feeding models several levels deep, with an error, a function and a plain number among them. */
const CELLS = [
  parameter("a", "1 to 10"),
  parameter("b", "normal(0, 1)"),
  parameter("k", "3"),
  model("m1", "a * b + k"),
  model("g", "g(x) = x * a"),
  model("m2", "g(m1) ^ 2 + b"),
  model("broken", "m2 + missing"),
  model("m3", "m2 > 10"),
];

/** A `shouldStop` that says yes from its `calls + 1`-th question on, and counts the questions. */
function stopAfter(calls: number) {
  const counter = { asked: 0, shouldStop: () => ++counter.asked > calls };
  return counter;
}

function sessionOf(cells: CellInput[]) {
  const session = new EngineSession(SETTINGS, { sensitivity: true });
  for (const cell of cells) session.setCell(cell);
  return session;
}

const fresh = (cells: CellInput[]) => evaluateNotebook(cells, SETTINGS, { sensitivity: true });

describe("EngineSession stopped runs", () => {
  it("returns the finished cells at every stop point, and the next run completes them without re-evaluating", () => {
    const expected = fresh(CELLS);
    const unstopped = stopAfter(Number.POSITIVE_INFINITY);
    sessionOf(CELLS).evaluate({ shouldStop: unstopped.shouldStop });
    // Asked before each cell and before each parameter of each sensitivity: more questions than cells.
    expect(unstopped.asked).toBeGreaterThan(CELLS.length);
    for (let calls = 0; calls < unstopped.asked; calls++) {
      const session = sessionOf(CELLS);
      const stopped = session.evaluate({ shouldStop: stopAfter(calls).shouldStop });
      expect(stopped.complete).toBe(false);
      expect(stopped.summaries.size).toBeLessThan(CELLS.length);
      for (const [id, summary] of stopped.summaries) expect(summary).toEqual(expected.get(id));
      const resumed = session.evaluate();
      expect(resumed.complete).toBe(true);
      expect(resumed.summaries).toEqual(expected);
      const evaluatedTwice = [...resumed.cellMs.keys()].filter((id) => stopped.cellMs.has(id));
      expect(evaluatedTwice).toEqual([]);
      expect(stopped.cellMs.size + resumed.cellMs.size).toBe(CELLS.length);
    }
  });

  it("keeps what a stopped run finished across further edits, re-evaluating only what they reach", () => {
    const session = sessionOf(CELLS);
    session.evaluate();
    const withA = CELLS.map((cell) => (cell.id === "a" ? parameter("a", "2 to 20") : cell));
    session.setCell(withA[0] as CellInput);
    const stopped = session.evaluate({ shouldStop: stopAfter(3).shouldStop });
    expect([...stopped.cellMs.keys()]).toEqual(["a"]);
    const final = withA.map((cell) => (cell.id === "m2" ? model("m2", "g(m1) + b") : cell));
    session.setCell(final.find((cell) => cell.id === "m2") as CellInput);
    const resumed = session.evaluate();
    // m1, g, m2 and its readers still had to be run for the first edit; `a` was done by the stopped run.
    expect([...resumed.cellMs.keys()].sort()).toEqual(["broken", "g", "m1", "m2", "m3"]);
    const expected = fresh(final);
    expect([...resumed.summaries.keys()].sort()).toEqual(["a", "broken", "g", "m1", "m2", "m3"]);
    for (const [id, summary] of resumed.summaries) expect(summary).toEqual(expected.get(id));
  });

  it("re-ranks a parameter once it changes, so cached ranks never outlive its value", () => {
    const session = sessionOf(CELLS);
    session.evaluate();
    const edited = CELLS.map((cell) => (cell.id === "b" ? parameter("b", "normal(0, 1) ^ 3") : cell));
    session.setCell(edited[1] as CellInput);
    const { summaries } = session.evaluate();
    const expected = fresh(edited);
    expect([...summaries.keys()].sort()).toEqual(["b", "broken", "m1", "m2", "m3"]);
    for (const [id, summary] of summaries) expect(summary).toEqual(expected.get(id));
  });

  it("stops a preview between cells and returns the cells it finished", () => {
    const session = sessionOf(CELLS);
    session.evaluate();
    session.setCell(parameter("a", "2 to 20"));
    const preview = session.preview(300, { shouldStop: stopAfter(4).shouldStop });
    expect(preview.complete).toBe(false);
    const expected = evaluateNotebook(
      CELLS.map((cell) => (cell.id === "a" ? parameter("a", "2 to 20") : cell)),
      { ...SETTINGS, samples: 300 },
      { sensitivity: true },
    );
    expect(preview.summaries.size).toBeGreaterThan(0);
    for (const [id, summary] of preview.summaries) expect(summary).toEqual(expected.get(id));
    expect(session.evaluate().summaries.get("a")).toEqual(fresh([parameter("a", "2 to 20")]).get("a"));
  });
});
