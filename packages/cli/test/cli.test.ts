import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../bin/crux.js");
const dir = mkdtempSync(path.join(tmpdir(), "crux-cli-"));

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
}

const notebook = file("takeoff.crux.json", {
  format: "crux.notebook/1",
  title: "Software-only singularity",
  settings: { samples: 5000, seed: 1 },
  cells: [
    { kind: "text", text: "Why **r > 1**" },
    { kind: "parameter", name: "r", expr: "0.4 to 3.6", unit: "doublings" },
    { kind: "parameter", name: "lambda", expr: "0.5" },
    { kind: "model", name: "fooms", expr: "P(r > 1)" },
    { kind: "model", name: "doubled", expr: "r * 2" },
    { kind: "model", expr: "r > 1" },
    { kind: "model", name: "xs", expr: "[1, 2, 3]" },
    { kind: "model", name: "growth", expr: "Sim.ode({y0: 1, t1: 1, dt: 0.5, f: {|t, y| y}})" },
    {
      kind: "model",
      name: "foom",
      expr: "k = uniform(0.25, 1)\nSim.ode({y0: 1, t1: 2, dt: 1, f: {|t, y| k * y^2}})",
    },
    { kind: "model", name: "twice", expr: "{|x| x * 2}" },
    { kind: "model", name: "broken", expr: "lamda * 2" },
    { kind: "model", name: "downstream", expr: "broken + 1" },
  ],
});

function evalJson(...args: string[]) {
  return JSON.parse(execFileSync(process.execPath, [bin, "eval", ...args, "--json"], { encoding: "utf8" }));
}

// One run of the whole notebook, shared by the tests that only read its output.
let base: ReturnType<typeof evalJson>;
beforeAll(() => {
  base = evalJson(notebook);
});

describe("crux eval --json", () => {
  it("prints exactly one JSON object with every parameter and model cell, text cells left out", () => {
    const output = base;
    expect(output.samples).toBe(5000);
    expect(output.seed).toBe(1);
    expect(Object.keys(output.cells)).toEqual([
      "r",
      "lambda",
      "fooms",
      "doubled",
      "cell6",
      "xs",
      "growth",
      "foom",
      "twice",
      "broken",
      "downstream",
    ]);
    expect(output.cells.lambda).toEqual({ type: "number", value: 0.5 });
    expect(output.cells.xs).toEqual({ type: "list", value: [1, 2, 3] });
    expect(output.cells.twice).toEqual({ type: "function" });
    expect(output.cells.fooms.value).toBeCloseTo(Math.log(3.6) / Math.log(9), 1);
  });

  it("summarises distributions with the contract's fields, in increasing order", () => {
    const r = base.cells.r;
    expect(Object.keys(r)).toEqual(["type", "mean", "stdev", "min", "max", "p5", "p25", "p50", "p75", "p95"]);
    expect([r.min, r.p5, r.p25, r.p50, r.p75, r.p95, r.max]).toEqual(
      [r.min, r.p5, r.p25, r.p50, r.p75, r.p95, r.max].sort((a, b) => a - b),
    );
    expect(r.p5).toBeCloseTo(0.4, 1);
    expect(r.p95).toBeCloseTo(3.6, 0);
  });

  it("reports series, and blow-up fraction and times for diverging samples", () => {
    const { growth, foom } = base.cells;
    expect(growth.t).toEqual([0, 0.5, 1]);
    expect(growth.y[2]).toBeCloseTo(Math.E, 5);
    expect(Object.keys(foom)).toEqual(["type", "t", "mean", "p5", "p50", "p95", "blowup"]);
    expect(foom.blowup.fraction).toBeCloseTo(2 / 3, 1);
    expect(foom.p95[2]).toBeNull(); // diverged: Infinity is not JSON, so null
  });

  it("positions errors and names the failed dependency", () => {
    const { broken, downstream } = base.cells;
    expect(broken).toEqual({
      type: "error",
      message: "unknown name 'lamda' (did you mean 'lambda'?)",
      line: 1,
      column: 1,
    });
    expect(downstream.type).toBe("error");
    expect(downstream.message).toContain("'broken'");
  });

  it("adds Spearman sensitivity to upstream parameters with --sensitivity", () => {
    const output = evalJson(notebook, "--sensitivity");
    expect(output.cells.doubled.sensitivity).toEqual({ r: 1 });
    expect(base.cells.doubled.sensitivity).toBeUndefined();
  });

  it("is deterministic, and --samples and --seed override the file", () => {
    expect(evalJson(notebook)).toEqual(base);
    const other = evalJson(notebook, "--samples", "2000", "--seed", "9");
    expect([other.samples, other.seed]).toEqual([2000, 9]);
    expect(other.cells.r.p50).not.toBe(base.cells.r.p50);
  });
});

describe("crux eval without --json and on bad input", () => {
  it("prints a readable table", () => {
    const table = execFileSync(process.execPath, [bin, "eval", notebook], { encoding: "utf8" });
    expect(table.split("\n")[0]).toMatch(/^name\s+kind\s+summary$/);
    expect(table).toMatch(/^r\s+distribution\s+p5 0\.\d+ · p50 /m);
  });

  it.each([
    [["eval", path.join(dir, "missing.json")], /^crux: cannot read .*missing\.json: ENOENT\n$/],
    [
      ["eval", file("bad.json", "{ nope")],
      /^crux: .*bad\.json is not a valid crux\.notebook\/1 document: not valid JSON: /,
    ],
    [
      ["eval", file("wrong.json", { format: "crux.notebook/1", cells: [{ kind: "parameter", expr: "1" }] })],
      /cells\[0\]\.name: is required\n$/,
    ],
    [["eval", notebook, "--samples", "0"], /--samples must be a whole number from 1 to 1000000/],
  ])("exits 1 with a one-line reason for %j", (args, message) => {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
