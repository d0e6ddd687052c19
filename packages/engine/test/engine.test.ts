import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CruxSyntaxError, EngineSession, evaluateNotebook, parse } from "../src";
import { distribution, error, run, value } from "./helpers";

describe("determinism and common random numbers", () => {
  it("gives identical results for the same seed and different ones for another", () => {
    const cells = { r: "0.4 to 3.6", y: "r * normal(1, 0.1)" };
    expect(run(cells, { seed: 7 })("y")).toEqual(run(cells, { seed: 7 })("y"));
    expect(run(cells, { seed: 8 })("y")).not.toEqual(run(cells, { seed: 7 })("y"));
  });

  it("keeps every other cell's draws when one cell is edited", () => {
    const before = run({ a: "normal(0, 1)", b: "1 to 10" });
    const after = run({ a: "normal(5, 1)", b: "1 to 10" });
    expect(after("b")).toEqual(before("b"));
  });

  it("x - x == 0 across cells for any distribution (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1.01, max: 50, noNaN: true }),
        (low, factor) => {
          const get = run({ x: `${low} to ${low * factor}`, y: "x - x" }, { samples: 500 });
          const d = distribution(get("y"));
          expect([d.min, d.max]).toEqual([0, 0]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("returns monotone quantiles (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (mean, sd) => {
          const {
            percentiles: p,
            min,
            max,
          } = distribution(run({ x: `normal(${mean}, ${sd})` }, { samples: 300 })("x"));
          expect([min, p.p5, p.p25, p.p50, p.p75, p.p95, max]).toEqual(
            [min, p.p5, p.p25, p.p50, p.p75, p.p95, max].sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it("never throws anything but a positioned syntax error on random input, and terminates (property)", () => {
    const alphabet = fc.constantFrom(..."0123456789 +-*/^()[]{}|,.:;=?!<>&to_abcxyz\"'\n".split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join("")),
        (source) => {
          try {
            parse(source);
          } catch (caught) {
            expect(caught).toBeInstanceOf(CruxSyntaxError);
            expect((caught as CruxSyntaxError).at.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("growth simulation", () => {
  it("integrates dy/dt = y to e with a relative error below 1e-9 at the default grid", () => {
    const series = run({ g: "Sim.ode({y0: 1, t1: 1, f: {|t, y| y}})" })("g");
    if (series.type !== "series" || !("y" in series)) throw new Error("expected a certain series");
    expect(Math.abs((series.y.at(-1) as number) / Math.E - 1)).toBeLessThan(1e-9);
    expect(series.blowup).toBeUndefined();
  });

  it("detects the finite-time blow-up of dy/dt = y^2 at t = 1", () => {
    const series = run({ g: "Sim.ode({y0: 1, t1: 2, f: {|t, y| y^2}})" })("g");
    if (series.type !== "series" || !("y" in series)) throw new Error("expected a certain series");
    expect(series.blowup?.fraction).toBe(1);
    expect(Math.abs((series.blowup?.p50 as number) - 1)).toBeLessThan(1e-5);
    expect(series.y[25]).toBeCloseTo(1 / (1 - 0.5), 5); // y(0.5) = 2
    expect(series.y.at(-1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("integrates uncertain inputs per sample and reports which samples blow up and when", () => {
    const series = run(
      { k: "uniform(0.25, 1)", g: "Sim.ode({y0: 1, t1: 2, f: {|t, y| k * y^2}})" },
      { samples: 2000 },
    )("g");
    if (series.type !== "series" || "y" in series) throw new Error("expected an uncertain series");
    // Blow-up at t = 1/k, before t1 = 2 exactly when k > 0.5: half of uniform(0.25, 1) is above 0.5... two thirds.
    expect(series.blowup?.fraction).toBeCloseTo(2 / 3, 1);
    expect(series.blowup?.p50).toBeCloseTo(1 / 0.75, 1);
    expect(series.p50[0]).toBe(1);
  });

  it("keeps integrating the surviving samples exactly once others have blown up", () => {
    const get = run(
      {
        k: "uniform(0.25, 1)",
        g: "Sim.ode({y0: 1, t1: 1.9, dt: 0.1, f: {|t, y| k * y^2}})",
        // y = 1 / (1 - k t) increases with k, so its percentiles are y at the percentiles of the same k samples.
        late5: "1 / (1 - quantile(k, 0.05) * 1.9)",
        early50: "1 / (1 - quantile(k, 0.5) * 0.5)",
      },
      { samples: 4000 },
    );
    const series = get("g");
    if (series.type !== "series" || "y" in series) throw new Error("expected an uncertain series");
    expect(series.p5[19]).toBeCloseTo(value(get("late5")) as number, 4); // t = 1.9, two thirds blown up
    expect(series.p50[5]).toBeCloseTo(value(get("early50")) as number, 4);
    // Blow-up at t = 1 / k for k > 1 / 1.9; k is uniform, so P(time <= s | blown up) = (1 - 1/s) / (1 - 1/1.9).
    const blowupQuantile = (q: number) => 1 / (1 - q * (1 - 1 / 1.9));
    expect(series.blowup?.p5).toBeCloseTo(blowupQuantile(0.05), 1);
    expect(series.blowup?.p95).toBeCloseTo(blowupQuantile(0.95), 1);
  });

  it("hands f the time of each stage, uncertain inputs included", () => {
    const series = run({ g: "Sim.ode({y0: normal(0, 1), t1: 2, f: {|t, y| t}})" }, { samples: 500 })("g");
    if (series.type !== "series" || "y" in series) throw new Error("expected an uncertain series");
    expect((series.mean.at(-1) as number) - (series.mean[0] as number)).toBeCloseTo(2, 9);
  });

  it("integrates systems given as records", () => {
    const system = run({ g: "Sim.ode({y0: {a: 1, b: 0}, t1: Math.pi, f: {|t, y| {a: -y.b, b: y.a}}})" })("g");
    if (system.type !== "record") throw new Error("expected a record of series");
    const a = system.value.a;
    if (a?.type !== "series" || !("y" in a)) throw new Error("expected a series");
    expect(a.y.at(-1)).toBeCloseTo(-1, 6);
  });
});

describe("sensitivity and pooling", () => {
  it("ranks the parameters that drive an output", () => {
    const inputs = [
      { id: "big", name: "big", source: "1 to 100", kind: "parameter" as const },
      { id: "small", name: "small", source: "normal(1, 0.01)", kind: "parameter" as const },
      { id: "out", name: "out", source: "big * small", kind: "model" as const },
    ];
    const summary = evaluateNotebook(inputs, { samples: 5000, seed: 1 }, { sensitivity: true }).get("out");
    const sensitivity = distribution(summary ?? { type: "function" }).sensitivity ?? {};
    expect(sensitivity.big).toBeGreaterThan(0.95);
    expect(Math.abs(sensitivity.small ?? 1)).toBeLessThan(0.1);
  });

  it("pools estimates linearly (a mixture) and geometrically (between them, narrower)", () => {
    const get = run({
      linear: "Crux.poolLinear([normal(0, 1), normal(4, 1)])",
      geometric: "Crux.poolGeometric([normal(0, 1), normal(4, 1)])",
    });
    const linear = distribution(get("linear"));
    const geometric = distribution(get("geometric"));
    expect(linear.mean).toBeCloseTo(2, 1);
    expect(linear.stdev).toBeCloseTo(Math.sqrt(5), 1);
    expect(geometric.mean).toBeCloseTo(2, 0);
    expect(geometric.stdev).toBeLessThan(1.2);
  });
});

describe("EngineSession", () => {
  const cells = [
    { id: "a", name: "a", source: "1 to 10", kind: "parameter" as const },
    { id: "b", name: "b", source: "2 to 3", kind: "parameter" as const },
    { id: "m", name: "m", source: "a * 2", kind: "model" as const },
  ];

  it("re-evaluates only the edited cell and its dependents", () => {
    const session = new EngineSession({ samples: 1000, seed: 1 });
    for (const cell of cells) session.setCell(cell);
    expect([...session.evaluate().summaries.keys()].sort()).toEqual(["a", "b", "m"]);
    session.setCell({ ...cells[0], source: "1 to 20" } as (typeof cells)[0]);
    const { summaries, complete } = session.evaluate();
    expect(complete).toBe(true);
    expect([...summaries.keys()].sort()).toEqual(["a", "m"]);
    expect(session.evaluate().summaries.size).toBe(0);
  });

  it("re-evaluates readers when a cell is removed, and stops a stale run when asked", () => {
    const session = new EngineSession({ samples: 1000, seed: 1 });
    for (const cell of cells) session.setCell(cell);
    session.evaluate();
    session.removeCell("a");
    expect(error(session.evaluate().summaries.get("m") ?? { type: "function" }).message).toMatch(
      /^unknown name 'a'/,
    );
    session.setCell(cells[0] as (typeof cells)[0]);
    expect(session.evaluate({ shouldStop: () => true }).complete).toBe(false);
  });

  it("evaluates an overlay on the same draws without changing the session", () => {
    const session = new EngineSession({ samples: 2000, seed: 3 });
    for (const cell of cells) session.setCell(cell);
    const base = distribution(session.evaluate().summaries.get("m") ?? { type: "function" });
    const overlay = session.overlay("a", "2 to 20");
    // Same draws: doubling both bounds of a lognormal doubles every sample exactly.
    expect(distribution(overlay.get("m") ?? { type: "function" }).percentiles.p50).toBeCloseTo(
      base.percentiles.p50 * 2,
      9,
    );
    expect(overlay.has("b")).toBe(false);
    expect(session.evaluate().summaries.size).toBe(0);
  });
});

describe("EngineSession previews", () => {
  it("previews an edit on exactly the first draws of the full run, then evaluates it fully", () => {
    const cells = [
      { id: "a", name: "a", source: "1 to 10" },
      { id: "b", name: "b", source: "beta(2, 3)" },
      { id: "c", name: "c", source: "mixture(a, b, [0.3, 0.7]) + normal(0, 1)" },
      { id: "g", name: "g", source: "g(x) = x * b" },
      { id: "n", name: "n", source: "g(c) + triangular(0, 1, 3)" },
    ];
    const session = new EngineSession({ samples: 4000, seed: 5 });
    for (const cell of cells) session.setCell(cell);
    session.evaluate();
    const edited = { id: "a", name: "a", source: "2 to 30" };
    session.setCell(edited);
    const preview = session.preview(1000);
    const small = evaluateNotebook(
      cells.map((cell) => (cell.id === "a" ? edited : cell)),
      { samples: 1000, seed: 5 },
    );
    expect([...preview.summaries.keys()].sort()).toEqual(["a", "c", "n"]);
    expect(preview.samples).toBe(1000);
    for (const id of ["a", "c", "n"]) expect(preview.summaries.get(id)).toEqual(small.get(id));
    const full = session.evaluate();
    expect([full.samples, [...full.summaries.keys()].sort()]).toEqual([4000, ["a", "c", "n"]]);
  });
});

describe("values", () => {
  it("summarises conditions as probabilities", () => {
    const d = distribution(run({ c: "uniform(0, 1) < 0.25" })("c"));
    expect(d.probability).toBeCloseTo(0.25, 1);
    expect(value(run({ p: "P(uniform(0, 1) < 0.25)" })("p"))).toBeCloseTo(0.25, 1);
  });
});
