import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../bin/crux.js");
const dir = mkdtempSync(path.join(tmpdir(), "crux-cli-export-"));
const notebook = path.join(dir, "linear.crux.json");
writeFileSync(
  notebook,
  JSON.stringify({
    format: "crux.notebook/1",
    title: "A linear model",
    settings: { samples: 20000, seed: 3 },
    cells: [
      { kind: "text", text: "We expect y around {{y}}, and {{nobody}} stays as written." },
      { kind: "parameter", name: "x1", expr: "normal(0, 1)", unit: "units", source: 'a "quoted" source' },
      { kind: "parameter", name: "x2", expr: "normal(0, 1)" },
      { kind: "model", name: "y", expr: "half = x2 * 2\nx1 + half", description: "Y = X1 + 2 X2" },
      { kind: "model", name: "growth", expr: "Sim.ode({y0: 1, t1: 1, f: {|t, v| v}})" },
      { kind: "parameter", name: "year", expr: "2023.74", unit: "year" },
    ],
  }),
);

const crux = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const evalJson = (...args: string[]) => JSON.parse(crux("eval", notebook, "--json", ...args));

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || (c === "\r" && text[i + 1] === "\n")) {
      (records.at(-1) as string[]).push(field);
      field = "";
      if (c === "\r") {
        records.push([]);
        i++;
      }
    } else field += c;
  }
  (records.at(-1) as string[]).push(field.replace(/\n$/, ""));
  return records;
}

let plain: ReturnType<typeof evalJson>;
beforeAll(() => {
  plain = evalJson();
});

describe("crux eval --first-order", () => {
  it("adds each parameter's first-order variance share: 0.2 and 0.8 for Y = X1 + 2 X2", () => {
    const { y } = evalJson("--first-order").cells;
    expect(y.sensitivity).toBeUndefined();
    expect(y.firstOrder.x1.index).toBeCloseTo(0.2, 1);
    expect(y.firstOrder.x2.index).toBeCloseTo(0.8, 1);
    expect(y.firstOrder.x2.stderr).toBeGreaterThan(0);
    expect(y.firstOrder.x2.stderr).toBeLessThan(0.02);
    expect(plain.cells.y.firstOrder).toBeUndefined();
    expect(evalJson("--sensitivity").cells.y.firstOrder).toBeUndefined();
  });

  it("shows rank correlation and first-order share under each distribution, and years to one decimal", () => {
    const table = crux("eval", notebook, "--sensitivity");
    expect(table).toMatch(/^year\s+number\s+2023\.7$/m); // four digits, and one decimal from 1,000 up
    expect(table).toMatch(
      /^\s+sensitivity: x2: rho 0\.8\d, S1 0\.[78]\d ± 0\.0\d; x1: rho 0\.4\d, S1 0\.[12]\d/m,
    );
  });
});

describe("crux export", () => {
  it("writes a Markdown report: title, text with live values, each cell's source and result", () => {
    const report = crux("export", notebook, "--sensitivity");
    const p50 = Number(plain.cells.y.p50.toPrecision(4));
    expect(report.startsWith("# A linear model\n\n_20,000 samples, seed 3;")).toBe(true);
    expect(report).toContain(`We expect y around ${p50} (`);
    expect(report).toContain("{{nobody}} stays as written");
    expect(report).toContain("### `y` (model)\n\nY = X1 + 2 X2\n\n```crux\nhalf = x2 * 2\nx1 + half\n```");
    expect(report).toContain(`**Result:** p5 ${Number(plain.cells.y.p5.toPrecision(4))} · p50 ${p50}`);
    expect(report).toMatch(/\*\*Sensitivity:\*\* x2: rho 0\.8\d, S1/);
    expect(report).toContain('units · source: a "quoted" source');
  });

  it("writes CSV with one row per parameter and model cell, matching crux eval", () => {
    const [header, ...rows] = parseCsv(crux("export", notebook, "--format", "csv"));
    expect(header?.slice(0, 5)).toEqual(["name", "kind", "unit", "type", "value"]);
    const column = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(rows.map((row) => row[0])).toEqual(["x1", "x2", "y", "growth", "year"]);
    const y = rows[2];
    expect(Number(column(y, "p50"))).toBe(plain.cells.y.p50);
    expect(Number(column(y, "mean"))).toBe(plain.cells.y.mean);
    expect(column(y, "expr")).toBe("half = x2 * 2\nx1 + half");
    expect(column(rows[0], "expr")).toBe("normal(0, 1)");
    expect(Number(column(rows[3], "value"))).toBeCloseTo(Math.E, 5);
  });

  it("writes to --output, and refuses an unknown format with a one-line reason", () => {
    const target = path.join(dir, "report.md");
    expect(crux("export", notebook, "--output", target).trim()).toBe(`wrote ${target}`);
    expect(readFileSync(target, "utf8")).toMatch(/^# A linear model\n/);
    const result = spawnSync(process.execPath, [bin, "export", notebook, "--format", "pdf"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("crux: --format must be markdown or csv, got 'pdf'\n");
  });
});

describe("crux bench", () => {
  it("reports wall and CPU time per sample count and per cell", () => {
    const report = JSON.parse(crux("bench", notebook, "--samples", "200,400", "--repeat", "2", "--json"));
    expect([report.seed, report.repeat]).toEqual([3, 2]);
    expect(report.runs.map((run: { samples: number }) => run.samples)).toEqual([200, 400]);
    for (const run of report.runs) {
      expect(run.wallMs.min).toBeLessThanOrEqual(run.wallMs.median);
      expect(run.wallMs.median).toBeLessThanOrEqual(run.wallMs.max);
      expect(run.cpuMs).toBeGreaterThan(0);
      expect(Object.keys(run.cells)).toEqual(["x1", "x2", "y", "growth", "year"]);
      for (const ms of Object.values(run.cells)) expect(ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("prints a table, and refuses a bad sample count", () => {
    const table = crux("bench", notebook, "--samples", "100", "--repeat", "1");
    expect(table).toMatch(/^samples\s+wall ms \(median\)\s+min\.\.max\s+cpu ms\s+slowest cell$/m);
    expect(table).toMatch(/^growth\s+\d/m);
    const result = spawnSync(process.execPath, [bin, "bench", notebook, "--samples", "100,x"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("crux: --samples must be a whole number from 1 to 1000000, got 'x'\n");
  });
});
