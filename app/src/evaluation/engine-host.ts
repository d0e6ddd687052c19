/**
 * What the engine worker does with each message, apart from the worker itself so that tests run it in Node: an
 * `EngineSession` that takes changed cells and settings, and runs previews and full evaluations on request.
 */
import { EngineSession, type EngineSettings } from "@crux/engine";
import type { FromWorker, RunMessage, UpdateMessage } from "./protocol";

/** True once a newer generation exists: the run of `generation` is then wasted work and stops between cells. */
export type Superseded = (generation: number) => boolean;

export class EngineHost {
  private session: EngineSession | undefined;
  private settings: EngineSettings | undefined;

  constructor(
    private readonly superseded: Superseded,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(message: UpdateMessage | RunMessage): FromWorker | undefined {
    try {
      if (message.type === "update") {
        this.apply(message);
        return undefined;
      }
      return this.run(message);
    } catch (error) {
      return {
        type: "failure",
        generation: message.generation,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private apply(update: UpdateMessage): void {
    if (update.settings) {
      this.settings = update.settings;
      if (this.session) this.session.setSettings(update.settings);
      else this.session = new EngineSession(update.settings, { sensitivity: true });
    }
    const session = this.requireSession();
    for (const id of update.remove) session.removeCell(id);
    for (const cell of update.set) session.setCell(cell);
  }

  private run(message: RunMessage): FromWorker {
    const session = this.requireSession();
    const shouldStop = () => this.superseded(message.generation);
    const samples = message.mode === "preview" ? message.samples : (this.settings as EngineSettings).samples;
    const started = this.now();
    // A run that is already superseded when its turn comes is skipped: its answer would be stale on arrival.
    const result = shouldStop()
      ? { summaries: new Map(), complete: false, samples }
      : message.mode === "preview"
        ? session.preview(message.samples, { shouldStop })
        : session.evaluate({ shouldStop });
    return {
      type: "result",
      generation: message.generation,
      mode: message.mode,
      samples: result.samples,
      complete: result.complete,
      summaries: [...result.summaries],
      elapsedMs: Math.max(0, this.now() - started),
    };
  }

  private requireSession(): EngineSession {
    if (!this.session) throw new Error("the first update must carry the notebook's settings");
    return this.session;
  }
}
