import { type CellInput, type EngineSettings, evaluateNotebook } from "@crux/engine";
import { describe, expect, it } from "vitest";
import { EngineHost } from "./engine-host";
import {
  type FromWorker,
  fromWorkerSchema,
  type RunMessage,
  toWorkerSchema,
  type UpdateMessage,
} from "./protocol";
import { EvaluationScheduler, type EvaluationState, previewSampleCount, type Timers } from "./scheduler";

/** Timers that move only when the test says so. */
class ManualClock implements Timers {
  private now = 0;
  private pending: { at: number; callback: () => void; handle: number }[] = [];
  private nextHandle = 1;

  setTimeout = (callback: () => void, ms: number): number => {
    const handle = this.nextHandle++;
    this.pending.push({ at: this.now + ms, callback, handle });
    return handle;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((timer) => timer.handle !== handle);
  };

  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const due = this.pending.filter((timer) => timer.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.clearTimeout(due.handle);
      due.callback();
    }
  }
}

type Options = {
  /** How the page stops superseded runs: a shared flag the engine reads between cells, or a new worker. */
  cancellation?: "flag" | "terminate";
  /** Simulates the user typing while a run is in progress: called on each `shouldStop` check. */
  onStopCheck?: (generation: number, checks: number) => void;
  /** The scheduler's budget for skipping the preview; 0 (always preview) unless a test is about that. */
  fullRunBudgetMs?: number;
};

/**
 * The scheduler wired to a real `EngineHost` the way engine-client.ts wires it to the worker, with the worker's
 * message queue made explicit: `deliver()` hands queued messages to the host in order (through the protocol's
 * schemas, as the worker does) and its replies back.
 */
class Harness {
  readonly clock = new ManualClock();
  readonly posted: (UpdateMessage | RunMessage)[] = [];
  readonly replies: FromWorker[] = [];
  state: EvaluationState = { results: new Map(), running: false, failure: undefined };
  /** The shared stop flag: the newest generation the page has started. */
  private flag = 0;
  private checks = 0;
  private queue: (UpdateMessage | RunMessage)[] = [];
  private host: EngineHost;
  readonly scheduler: EvaluationScheduler;

  constructor(private readonly options: Options = {}) {
    this.host = this.newHost();
    this.scheduler = new EvaluationScheduler({
      post: (message) => {
        this.posted.push(message);
        this.queue.push(message);
      },
      supersede: (generation) => {
        if (this.options.cancellation !== "terminate") this.flag = generation;
        else if (this.scheduler.fullRunInFlight()) {
          this.queue = [];
          this.host = this.newHost();
          this.scheduler.forgetWorker();
        }
      },
      onChange: (state) => {
        this.state = state;
      },
      timers: this.clock,
      fullRunBudgetMs: this.options.fullRunBudgetMs ?? 0,
    });
  }

  private newHost(): EngineHost {
    return new EngineHost((generation) => {
      this.options.onStopCheck?.(generation, ++this.checks);
      return this.options.cancellation !== "terminate" && this.flag > generation;
    });
  }

  /** The worker died: engine-client.ts reports it, starts a fresh one and has the scheduler resend everything. */
  crash(message: string): void {
    this.queue = [];
    this.host = this.newHost();
    this.scheduler.fail(message);
  }

  deliver(): void {
    while (this.queue.length > 0) {
      const message = toWorkerSchema.parse(this.queue.shift());
      if (message.type === "stop-flag") continue;
      const reply = this.host.handle(message);
      if (!reply) continue;
      this.replies.push(reply);
      this.scheduler.receive(fromWorkerSchema.parse(reply));
    }
  }

  runs(): RunMessage[] {
    return this.posted.filter((message): message is RunMessage => message.type === "run");
  }

  updates(): UpdateMessage[] {
    return this.posted.filter((message): message is UpdateMessage => message.type === "update");
  }

  result(id: string) {
    const result = this.state.results.get(id);
    if (!result) throw new Error(`no result for ${id}`);
    return result;
  }
}

const SETTINGS: EngineSettings = { samples: 5000, seed: 7 };

const NOTEBOOK: CellInput[] = [
  { id: "a", name: "a", source: "normal(10, 1)", kind: "parameter" },
  { id: "b", name: "b", source: "a * 2 + c", kind: "model" },
  { id: "c", name: "c", source: "3", kind: "parameter" },
  { id: "d", name: "d", source: "lognormal(1, 0.5)", kind: "parameter" },
];

function withSource(cells: CellInput[], id: string, source: string): CellInput[] {
  return cells.map((cell) => (cell.id === id ? { ...cell, source } : cell));
}

function loaded(cells = NOTEBOOK, settings = SETTINGS, options: Options = {}): Harness {
  const harness = new Harness(options);
  harness.scheduler.update(cells, settings);
  harness.clock.advance(0);
  harness.deliver();
  return harness;
}

function summariesOf(state: EvaluationState) {
  return new Map([...state.results].map(([id, result]) => [id, result.summary]));
}

describe("previewSampleCount", () => {
  it("starts at the maximum and shrinks to fit the time budget of the last preview, in hundreds", () => {
    expect(previewSampleCount(undefined, 1000, 50)).toBe(1000);
    expect(previewSampleCount({ samples: 1000, elapsedMs: 10 }, 1000, 50)).toBe(1000);
    expect(previewSampleCount({ samples: 1000, elapsedMs: 200 }, 1000, 50)).toBe(200);
    expect(previewSampleCount({ samples: 200, elapsedMs: 5 }, 1000, 50)).toBe(1000);
    expect(previewSampleCount({ samples: 1000, elapsedMs: 5000 }, 1000, 50)).toBe(100);
  });
});

describe("EvaluationScheduler with a real engine", () => {
  it("loads with a 1000-draw preview that is the prefix of the full run, then the full run", () => {
    const harness = new Harness();
    harness.scheduler.update(NOTEBOOK, SETTINGS);
    expect(harness.updates()[0]).toMatchObject({ set: NOTEBOOK, remove: [], settings: SETTINGS });
    expect(harness.runs()).toEqual([{ type: "run", generation: 1, mode: "preview", samples: 1000 }]);
    expect(harness.state.running).toBe(true);

    harness.deliver();
    expect(harness.result("b")).toMatchObject({ samples: 1000, stale: false });
    // Same streams: the preview is exactly the notebook evaluated on 1000 samples.
    expect(summariesOf(harness.state)).toEqual(
      evaluateNotebook(NOTEBOOK, { ...SETTINGS, samples: 1000 }, { sensitivity: true }),
    );

    harness.clock.advance(0);
    harness.deliver();
    expect(harness.runs().map((run) => run.mode)).toEqual(["preview", "full"]);
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(NOTEBOOK, SETTINGS, { sensitivity: true }));
    expect(
      [...harness.state.results.values()].every((result) => result.samples === 5000 && !result.stale),
    ).toBe(true);
    expect(harness.state.running).toBe(false);
  });

  it("sends only the edited cell, dims its readers at once and refines after a quiet 300 ms", () => {
    const harness = loaded();
    const edited = withSource(NOTEBOOK, "a", "normal(20, 1)");
    harness.scheduler.update(edited, SETTINGS);

    expect(harness.updates().at(-1)).toEqual({ type: "update", generation: 2, set: [edited[0]], remove: [] });
    expect(harness.result("a").stale).toBe(true);
    expect(harness.result("b").stale).toBe(true);
    expect(harness.result("c").stale).toBe(false);
    expect(harness.result("d").stale).toBe(false);

    harness.deliver();
    expect(harness.result("b")).toMatchObject({ stale: false, samples: 1000 });
    expect(harness.result("d")).toMatchObject({ stale: false, samples: 5000 });

    harness.clock.advance(299);
    expect(
      harness
        .runs()
        .filter((run) => run.generation === 2)
        .map((run) => run.mode),
    ).toEqual(["preview"]);
    harness.clock.advance(1);
    harness.deliver();
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(edited, SETTINGS, { sensitivity: true }));
    expect(harness.result("b")).toMatchObject({ stale: false, samples: 5000 });
  });

  it("postpones the full run while edits keep coming, then runs it once for the latest edit", () => {
    const harness = loaded();
    for (const [step, mean] of [10.5, 11, 11.5, 12].entries()) {
      harness.scheduler.update(withSource(NOTEBOOK, "a", `normal(${mean}, 1)`), SETTINGS);
      harness.deliver();
      harness.clock.advance(step < 3 ? 200 : 0);
    }
    expect(harness.runs().filter((run) => run.mode === "full" && run.generation > 1)).toEqual([]);
    expect(harness.state.running).toBe(true);
    harness.clock.advance(300);
    expect(harness.runs().filter((run) => run.mode === "full" && run.generation > 1)).toEqual([
      { type: "run", generation: 5, mode: "full" },
    ]);
    harness.deliver();
    expect(harness.state.running).toBe(false);
    expect(harness.result("a").summary).toMatchObject({ type: "distribution" });
    expect(harness.result("a").summary).toEqual(
      evaluateNotebook(withSource(NOTEBOOK, "a", "normal(12, 1)"), SETTINGS, { sensitivity: true }).get("a"),
    );
  });

  it("stops a superseded full run between cells and still ends with the right results", () => {
    const chain: CellInput[] = Array.from({ length: 8 }, (_, i) => ({
      id: `x${i}`,
      name: `x${i}`,
      source: i === 0 ? "lognormal(0, 1)" : `x${i - 1} * normal(1, 0.1)`,
      kind: i === 0 ? "parameter" : "model",
    }));
    const edited = withSource(chain, "x0", "lognormal(1, 1)");
    let harness: Harness | undefined;
    let typedDuringRun = false;
    const onStopCheck = (generation: number, checks: number) => {
      // The user types while the full run of generation 2 is on its third cell.
      if (generation === 2 && checks >= 3 && !typedDuringRun && harness?.runs().at(-1)?.mode === "full") {
        typedDuringRun = true;
        harness.scheduler.update(withSource(edited, "x7", "x6 * 2"), SETTINGS);
      }
    };
    harness = loaded(chain, SETTINGS, { onStopCheck });
    harness.scheduler.update(edited, SETTINGS);
    harness.deliver();
    harness.clock.advance(300);
    harness.deliver();

    expect(typedDuringRun).toBe(true);
    const stopped = harness.replies.find(
      (reply) => reply.type === "result" && reply.generation === 2 && reply.mode === "full",
    );
    expect(stopped).toMatchObject({ complete: false });
    expect(stopped?.type === "result" && stopped.summaries.length).toBeLessThan(chain.length);
    // The next generation's preview came straight after: the edited chain shows its first 1000 draws.
    expect(harness.result("x7")).toMatchObject({ stale: false, samples: 1000 });
    harness.clock.advance(300);
    harness.deliver();
    const final = withSource(edited, "x7", "x6 * 2");
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(final, SETTINGS, { sensitivity: true }));
    expect([...harness.state.results.values()].some((result) => result.stale)).toBe(false);
  });

  it("without a shared flag, replaces the worker under a superseded full run and resends the notebook", () => {
    const harness = loaded(NOTEBOOK, SETTINGS, { cancellation: "terminate" });
    const edited = withSource(NOTEBOOK, "d", "lognormal(2, 0.5)");
    harness.scheduler.update(edited, SETTINGS);
    harness.clock.advance(300);
    expect(harness.scheduler.fullRunInFlight()).toBe(true);

    const again = withSource(edited, "c", "4");
    harness.scheduler.update(again, SETTINGS);
    expect(harness.updates().at(-1)).toMatchObject({ set: again, remove: [], settings: SETTINGS });
    harness.deliver();
    harness.clock.advance(300);
    harness.deliver();
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(again, SETTINGS, { sensitivity: true }));
    expect(harness.state.running).toBe(false);
  });

  it("reports a crashed worker and, resent the notebook, keeps showing valid results meanwhile", () => {
    const harness = loaded();
    harness.scheduler.update(withSource(NOTEBOOK, "c", "5"), SETTINGS);
    harness.crash("out of memory");
    expect(harness.state).toMatchObject({ failure: "out of memory", running: true });
    harness.scheduler.resend();
    expect(harness.updates().at(-1)).toMatchObject({
      set: withSource(NOTEBOOK, "c", "5"),
      settings: SETTINGS,
    });
    expect(harness.result("d").stale).toBe(false);
    expect(harness.result("c").stale).toBe(true);
    harness.deliver();
    harness.clock.advance(300);
    harness.deliver();
    expect(harness.state.failure).toBeUndefined();
    expect(harness.state.running).toBe(false);
    expect(summariesOf(harness.state)).toEqual(
      evaluateNotebook(withSource(NOTEBOOK, "c", "5"), SETTINGS, { sensitivity: true }),
    );
  });

  it("drops removed cells, and points an error from a failed dependency at that cell's id", () => {
    const harness = loaded();
    const broken = [
      ...NOTEBOOK.filter((cell) => cell.id !== "d"),
      { id: "cell5", name: "rate", source: "1 +", kind: "parameter" as const },
      { id: "cell6", name: "uses_rate", source: "rate * 2", kind: "model" as const },
    ];
    harness.scheduler.update(broken, SETTINGS);
    expect(harness.updates().at(-1)).toMatchObject({ remove: ["d"] });
    expect(harness.state.results.has("d")).toBe(false);
    harness.deliver();
    expect(harness.result("cell5").summary).toMatchObject({ type: "error", line: 1 });
    expect(harness.result("cell6")).toMatchObject({
      summary: { type: "error", dependency: "rate" },
      dependencyCellId: "cell5",
    });
  });

  it("re-evaluates readers of a name that appears through a rename", () => {
    const cells: CellInput[] = [
      { id: "p", name: "p", source: "5", kind: "parameter" },
      { id: "q", name: "q", source: "rate * 2", kind: "model" },
    ];
    const harness = loaded(cells);
    expect(harness.result("q").summary).toMatchObject({ type: "error" });

    harness.scheduler.update([{ ...(cells[0] as CellInput), name: "rate" }, cells[1] as CellInput], SETTINGS);
    expect(harness.result("q").stale).toBe(true);
    harness.deliver();
    expect(harness.result("q")).toEqual({
      summary: { type: "number", value: 10 },
      stale: false,
      samples: 1000,
    });
  });

  it("sends only new settings on a sample-count change, and runs small notebooks in full at once", () => {
    const harness = loaded();
    const small = { samples: 800, seed: 7 };
    harness.scheduler.update(NOTEBOOK, small);
    expect(harness.updates().at(-1)).toEqual({
      type: "update",
      generation: 2,
      set: [],
      remove: [],
      settings: small,
    });
    expect([...harness.state.results.values()].every((result) => result.stale)).toBe(true);
    expect(harness.runs().at(-1)).toEqual({ type: "run", generation: 2, mode: "full" });
    harness.deliver();
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(NOTEBOOK, small, { sensitivity: true }));
    expect(harness.state.running).toBe(false);
  });

  it("goes straight to the full run when the last full run's cost per cell says it fits the budget", () => {
    const harness = loaded(NOTEBOOK, SETTINGS, { fullRunBudgetMs: 60_000 });
    const edited = withSource(NOTEBOOK, "a", "normal(20, 1)");
    harness.scheduler.update(edited, SETTINGS);
    expect(harness.runs().at(-1)).toEqual({ type: "run", generation: 2, mode: "full" });
    expect(harness.result("b").stale).toBe(true);
    harness.deliver();
    expect(harness.result("b")).toMatchObject({ stale: false, samples: 5000 });
    expect(summariesOf(harness.state)).toEqual(evaluateNotebook(edited, SETTINGS, { sensitivity: true }));
    expect(harness.state.running).toBe(false);
  });

  it("marks the number of a P(...) cell as a probability", () => {
    const harness = loaded([
      { id: "r", name: "r", source: "normal(1, 1)", kind: "parameter" },
      { id: "chance", name: "chance", source: " P(r > 1)\n", kind: "model" },
      { id: "half", name: "half", source: "P(r > 1) / 2 + 0.1", kind: "model" },
    ]);
    expect(harness.result("chance")).toMatchObject({ summary: { type: "number" }, probability: true });
    expect(harness.result("half").probability).toBeUndefined();
  });

  it("ignores an update that changes nothing the engine reads", () => {
    const harness = loaded();
    const before = harness.posted.length;
    harness.scheduler.update([...NOTEBOOK].reverse(), { ...SETTINGS });
    expect(harness.posted.length).toBe(before);
  });
});
