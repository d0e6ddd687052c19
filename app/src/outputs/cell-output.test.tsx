// @vitest-environment jsdom
import { type CellSummary, evaluateNotebook } from "@crux/engine";
import { act } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import type { CellResult } from "../evaluation/scheduler";
import { mountReactRootPerTest } from "../test-support/react-root";
import { CellOutput } from "./cell-output";

const summaries = evaluateNotebook(
  [
    { id: "rate", name: "rate", source: "lognormal(0, 0.5)", kind: "parameter" },
    { id: "total", name: "total", source: "rate * 1000", kind: "model" },
    { id: "wide", name: "wide", source: "lognormal(10, 3)", kind: "parameter" },
    { id: "chance", name: "chance", source: "rate > 1", kind: "model" },
    { id: "p", name: "p", source: "P(rate > 1)", kind: "model" },
    { id: "broken", name: "broken", source: "rate +\n  * 2", kind: "model" },
    { id: "reader", name: "reader", source: "broken * 2", kind: "model" },
  ],
  { samples: 4000, seed: 2 },
  { sensitivity: true },
);

function resultOf(id: string, extra: Partial<CellResult> = {}): CellResult {
  return { summary: summaries.get(id) as CellSummary, stale: false, samples: 4000, ...extra };
}

const mounted = mountReactRootPerTest();
const shown: string[] = [];

beforeEach(() => {
  shown.length = 0;
});

function render(result: CellResult | undefined) {
  act(() =>
    mounted.root.render(
      <CellOutput
        result={result}
        cellName={(id) => (id === "broken" ? "broken" : undefined)}
        onShowCell={(id) => shown.push(id)}
      />,
    ),
  );
}

describe("CellOutput", () => {
  it("charts a distribution with its summary line, sample count and sensitivity tornado", () => {
    render(resultOf("total"));
    const figures = mounted.container.querySelectorAll("figure");
    expect(figures).toHaveLength(2);
    expect(figures[0]?.querySelector("svg")?.getAttribute("aria-label")).toBe(
      "Histogram of the distribution",
    );
    expect(figures[0]?.querySelector("figcaption")?.textContent).toMatch(
      /^p5 .* · p50 .* · p95 .* · mean .* ± .*$/,
    );
    expect(figures[1]?.querySelector("svg")?.getAttribute("aria-label")).toMatch(/^Sensitivity/);
    expect(mounted.container.textContent).toContain("4,000 samples");
    expect(mounted.container.textContent).not.toContain("updating…");
  });

  it("starts a heavy tail on a log axis and switches to linear on request", () => {
    render(resultOf("wide"));
    const toggle = mounted.container.querySelector("button[aria-pressed]") as HTMLButtonElement;
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    const ticks = () =>
      [...mounted.container.querySelectorAll("[aria-label='x-axis tick label'] text")].map(
        (t) => t.textContent,
      );
    expect(ticks().some((tick) => tick === "1e6" || tick === "1e7")).toBe(true);
    act(() => toggle.click());
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(mounted.container.textContent).toContain("log scale reads better");
  });

  it("shows conditions and P(...) as percentages", () => {
    render(resultOf("chance"));
    expect(mounted.container.querySelector("output")?.textContent).toMatch(/^\d+(\.\d)?%$/);
    expect(mounted.container.querySelector("svg")).toBeNull();
    render(resultOf("p", { probability: true }));
    expect(mounted.container.querySelector("output")?.textContent).toMatch(/^\d+(\.\d)?%$/);
    render(resultOf("p"));
    expect(mounted.container.querySelector("output")?.textContent).toMatch(/^0\.\d+$/);
  });

  it("dims a stale result and says it is updating", () => {
    render(resultOf("total", { stale: true }));
    expect(mounted.container.querySelector("[role='status']")?.textContent).toBe("updating…");
    expect(mounted.container.firstElementChild?.getAttribute("aria-busy")).toBe("true");
  });

  it("shows an error with its line and column, and a failed dependency's button", () => {
    render(resultOf("broken"));
    expect(mounted.container.querySelector("[role='alert']")?.textContent).toMatch(/^Line 2, column \d+: /);
    render(resultOf("reader", { dependencyCellId: "broken" }));
    const button = mounted.container.querySelector("[role='alert'] button") as HTMLButtonElement;
    expect(button.textContent).toBe("Show broken");
    act(() => button.click());
    expect(shown).toEqual(["broken"]);
  });

  it("says it is evaluating before the first result", () => {
    render(undefined);
    expect(mounted.container.textContent).toBe("evaluating…");
  });
});
