/**
 * `Sim.ode({ y0, t1, f, t0, dt })`: integrates dy/dt = f(t, y) from t0 (default 0) to t1.
 *
 * Method: Dormand–Prince 5(4) with an adaptive step *per sample*, run for all samples at once — each sweep advances
 * every unfinished sample by one step of its own size, and f is evaluated once per stage over whole sample arrays.
 * Steps are clamped to land on the output grid (every `dt`, default (t1 - t0) / 100), so outputs are not
 * interpolated. Tolerances: relative 1e-5, absolute 1e-9 per step (see README for the error achieved).
 *
 * Finite-time blow-up ("foom"): a sample is declared divergent when a variable has grown a millionfold and its
 * doubling scale |y / y'| falls below 1e-7 of the time span (hyperbolic growth: the singularity is that close), when its state leaves
 * [-1e60, 1e60] or becomes non-finite, or when it needs steps below 1e-12 of the span. It is then frozen and
 * reported with the time it diverged (accurate to about 1e-7 of the span); its later outputs are +Infinity.
 */
import { type CellContext, CruxError } from "./evaluate";
import { gather } from "./kernels";
import { scalar } from "./stdlib";
import { type CallSite, describeType, num, samples, type Value } from "./values";

const RELATIVE_TOLERANCE = 1e-5;
const ABSOLUTE_TOLERANCE = 1e-9;
const BLOWUP_SCALE = 1e-7;
const GROWTH_BEFORE_BLOWUP = 1e6;
const DIVERGENCE_LIMIT = 1e60;
const MAX_SWEEPS = 200_000;

// Dormand–Prince coefficients.
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
// 5th-order weights (the 7th stage's is 0) and the embedded 4th-order ones; the 2nd stage's are 0 in both.
const [B5_0, B5_2, B5_3, B5_4, B5_5] = [35 / 384, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84];
const [B4_0, B4_2, B4_3, B4_4, B4_5, B4_6] = [
  5179 / 57600,
  7571 / 16695,
  393 / 640,
  -92097 / 339200,
  187 / 2100,
  1 / 40,
];

type State = Float64Array[]; // one array per state variable, each of the integration width

export function odeFunction(args: Value[], site: CallSite, context: CellContext): Value {
  const options = args[0];
  if (args.length !== 1 || options?.type !== "record")
    throw new CruxError(
      "Sim.ode takes one record: Sim.ode({ y0, t1, f }) with optional t0 and dt",
      site.node.at,
    );
  const field = (name: string) => options.fields.get(name);
  const f = field("f");
  if (f?.type !== "function")
    throw new CruxError("Sim.ode needs f, a function {|t, y| ...} giving dy/dt", site.node.at);
  const t0 = field("t0") ? scalar(field("t0") as Value, "t0", site) : 0;
  const t1 = scalar(field("t1") ?? num(Number.NaN), "t1", site);
  if (!(t1 > t0)) throw new CruxError(`Sim.ode needs t1 > t0 (got t0 = ${t0}, t1 = ${t1})`, site.node.at);
  const dt = field("dt") ? scalar(field("dt") as Value, "dt", site) : (t1 - t0) / 100;
  if (!(dt > 0) || (t1 - t0) / dt > 10_000)
    throw new CruxError("dt must be positive and give at most 10,000 output points", site.node.at);
  const y0 = field("y0");
  if (!y0)
    throw new CruxError(
      "Sim.ode needs y0, the starting value (a number or a record of numbers)",
      site.node.at,
    );

  const names = y0.type === "record" ? [...y0.fields.keys()] : undefined;
  const derivative = (t: Value, y: Value) => f.call([t, y], site);
  const uncertain = isUncertain(y0) || isUncertain(derivative(num(t0), y0));
  const width = uncertain ? context.sampleCount : 1;
  const integration = integrate({
    t0,
    t1,
    dt,
    initial: toState(y0, names, width, site),
    // Called on all samples or, inside `withLanes`, on the ones still being integrated: t.length of them.
    f: (t, y) =>
      toState(
        derivative(uncertain ? samples(t) : num(t[0] as number), fromState(y, names, uncertain)),
        names,
        t.length,
        site,
      ),
    context,
    site,
  });
  const seriesFor = (variable: number): Value => ({
    type: "series",
    t: integration.times,
    y: integration.outputs.map((state) =>
      width === 1
        ? num((state[variable] as Float64Array)[0] as number)
        : samples(state[variable] as Float64Array),
    ),
    blowup: { times: integration.blowupTimes },
  });
  if (!names) return seriesFor(0);
  return { type: "record", fields: new Map(names.map((name, i) => [name, seriesFor(i)])) };
}

function isUncertain(value: Value): boolean {
  if (value.type === "samples") return true;
  if (value.type === "record") return [...value.fields.values()].some(isUncertain);
  return false;
}

function toState(value: Value, names: string[] | undefined, width: number, site: CallSite): State {
  const column = (v: Value | undefined, what: string): Float64Array => {
    if (v?.type === "number") return new Float64Array(width).fill(v.value);
    if (v?.type === "samples" && v.data.length === width) return v.data;
    throw new CruxError(
      `Sim.ode: ${what} must be a number or a distribution, got ${v ? describeType(v) : "nothing"}`,
      site.node.at,
    );
  };
  if (!names) return [column(value, "y")];
  if (value.type !== "record") throw new CruxError("Sim.ode: f must return a record like y0", site.node.at);
  return names.map((name) => column(value.fields.get(name), `field '${name}'`));
}

function fromState(state: State, names: string[] | undefined, uncertain: boolean): Value {
  const wrap = (column: Float64Array): Value => (uncertain ? samples(column) : num(column[0] as number));
  if (!names) return wrap(state[0] as Float64Array);
  return { type: "record", fields: new Map(names.map((name, i) => [name, wrap(state[i] as Float64Array)])) };
}

type Problem = {
  t0: number;
  t1: number;
  dt: number;
  initial: State;
  f: (t: Float64Array, y: State) => State;
  context: CellContext;
  site: CallSite;
};

type Integration = { times: Float64Array; outputs: State[]; blowupTimes: Float64Array };

/** One sweep's step for the samples it advanced, packed in lane order: sizes, proposals, errors, f at the end. */
type MeasuredStep = {
  stepH: Float64Array;
  proposal: State;
  errors: Float64Array;
  diverged: Uint8Array;
  lastStage: State;
};

function integrate(problem: Problem): Integration {
  const integrator = new Integrator(problem);
  for (let sweep = 0; integrator.remaining > 0; sweep++) {
    if (sweep > MAX_SWEEPS)
      throw new CruxError("Sim.ode needed too many steps: is the system stiff?", problem.site.node.at);
    if ((sweep & 15) === 0) problem.context.checkTime(problem.site.node.at);
    integrator.sweep();
  }
  return integrator.result();
}

/**
 * The integration state of every sample. The per-sweep work is split into small methods, each one tight loop:
 * V8 optimises them early and keeps them optimised, where one large function kept meeting paths it had not seen
 * yet (a first blow-up, a first finished sample) and fell back to the interpreter each time.
 */
class Integrator {
  readonly width: number;
  readonly variables: number;
  readonly times: Float64Array;
  readonly outputs: State[];
  readonly blowupTimes: Float64Array;
  remaining: number;
  private readonly y: State;
  private readonly t: Float64Array;
  private readonly h: Float64Array;
  private readonly nextOutput: Int32Array;
  private readonly active: Uint8Array;
  private readonly minimumStep: number;
  private readonly stepH: Float64Array;
  private readonly proposal: State;
  private readonly errors: Float64Array;
  private readonly diverged: Uint8Array;
  /**
   * f at each sample's current (t, y), the first stage of its next step. Dormand–Prince is "first same as last": an
   * accepted step's last stage is f at the new point, and a rejected step leaves the point unchanged, so after the
   * first sweep every step costs 6 evaluations of f instead of 7. Own arrays: f may return a captured value's data.
   */
  private readonly firstStage: State;
  private haveFirstStage = false;

  constructor(private readonly problem: Problem) {
    const { t0, t1, dt, initial } = problem;
    const width = (initial[0] as Float64Array).length;
    this.width = width;
    this.variables = initial.length;
    const pointCount = Math.round((t1 - t0) / dt) + 1;
    this.times = Float64Array.from({ length: pointCount }, (_, i) => Math.min(t1, t0 + i * dt));
    this.outputs = Array.from({ length: pointCount }, () => initial.map(() => new Float64Array(width)));
    this.blowupTimes = new Float64Array(width).fill(Number.NaN);
    this.y = initial.map((column) => column.slice());
    this.t = new Float64Array(width).fill(t0);
    this.h = new Float64Array(width).fill(Math.min(dt, (t1 - t0) / 100) / 10);
    this.nextOutput = new Int32Array(width).fill(1);
    this.active = new Uint8Array(width).fill(1);
    this.remaining = width;
    for (const [v, column] of (this.outputs[0] as State).entries()) column.set(this.y[v] as Float64Array);
    this.minimumStep = (t1 - t0) * 1e-12;
    this.stepH = new Float64Array(width);
    this.proposal = initial.map(() => new Float64Array(width));
    this.errors = new Float64Array(width);
    this.diverged = new Uint8Array(width);
    this.firstStage = initial.map(() => new Float64Array(width));
  }

  result(): Integration {
    return { times: this.times, outputs: this.outputs, blowupTimes: this.blowupTimes };
  }

  /**
   * Advances every unfinished sample by one step of its own size (or retries it with a smaller one). Once some
   * samples are done (finished or blown up), the step is computed on the remaining ones only, packed together
   * ("lanes"), so a few slow samples near a singularity do not cost a pass over all of them.
   */
  sweep(): void {
    const lanes = this.remaining < this.width ? this.activeLanes() : undefined;
    this.chooseSteps(lanes);
    const pick = (column: Float64Array) => (lanes ? gather(column, lanes) : column);
    const y = this.y.map(pick);
    const stepH = pick(this.stepH);
    const k = this.stages(y, pick(this.t), stepH, lanes);
    const measured: MeasuredStep = lanes
      ? {
          stepH,
          proposal: y.map((column) => new Float64Array(column.length)),
          errors: new Float64Array(lanes.length),
          diverged: new Uint8Array(lanes.length),
          lastStage: k[6] as State,
        }
      : {
          stepH,
          proposal: this.proposal,
          errors: this.errors,
          diverged: this.diverged,
          lastStage: k[6] as State,
        };
    this.measureStep(k, y, measured);
    // Sample i sits at index j of the packed arrays (j = i when every sample is still being integrated).
    if (lanes) for (let j = 0; j < lanes.length; j++) this.finishStep(lanes[j] as number, j, measured);
    else for (let i = 0; i < this.width; i++) this.finishStep(i, i, measured);
  }

  /** The seven Dormand–Prince stages; f sees fresh arrays each time, so whatever it returns is safe to keep. */
  private stages(y: State, t: Float64Array, stepH: Float64Array, lanes: Int32Array | undefined): State[] {
    const { f, context } = this.problem;
    const evaluate = (stageT: Float64Array, stageY: State) =>
      lanes ? context.withLanes(lanes, () => f(stageT, stageY)) : f(stageT, stageY);
    const k: State[] = [this.firstStages(lanes, () => evaluate(t, y))];
    for (let stage = 1; stage < 7; stage++) {
      const stageY = y.map((column, v) => stageState(column, k, v, stage, stepH));
      k.push(evaluate(stageTimes(t, C[stage] as number, stepH), stageY));
    }
    return k;
  }

  /** The first stage: kept from the previous sweep, or (on the first sweep) f at the starting point. */
  private firstStages(lanes: Int32Array | undefined, evaluate: () => State): State {
    if (this.haveFirstStage) return this.firstStage.map((column) => (lanes ? gather(column, lanes) : column));
    const k0 = evaluate();
    for (const [v, column] of k0.entries()) (this.firstStage[v] as Float64Array).set(column);
    this.haveFirstStage = true;
    return k0;
  }

  /** Each unfinished sample's next step: its own size, clamped to land on its next output time. */
  private chooseSteps(lanes: Int32Array | undefined): void {
    const count = lanes ? lanes.length : this.width;
    const { times, nextOutput, h, t, stepH } = this;
    for (let j = 0; j < count; j++) {
      const i = lanes ? (lanes[j] as number) : j;
      const target = times[nextOutput[i] as number] as number;
      stepH[i] = Math.min(h[i] as number, target - (t[i] as number));
    }
  }

  private activeLanes(): Int32Array {
    const lanes = new Int32Array(this.remaining);
    for (let i = 0, next = 0; i < this.width; i++) if (this.active[i]) lanes[next++] = i;
    return lanes;
  }

  /** Accepts or rejects sample i's step (packed at j), records outputs, detects blow-up and adapts the step size. */
  private finishStep(i: number, j: number, measured: MeasuredStep): void {
    const step = measured.stepH[j] as number;
    const error = measured.errors[j] as number;
    if (measured.diverged[j] || (step < this.minimumStep && error > 1)) {
      this.blowUp(i, (this.t[i] as number) + step);
      return;
    }
    if (error <= 1) {
      const target = this.times[this.nextOutput[i] as number] as number;
      // A step clamped to the next output time lands on it exactly (no rounding drift in t).
      const landed = step >= target - (this.t[i] as number);
      this.t[i] = landed ? target : (this.t[i] as number) + step;
      for (let v = 0; v < this.variables; v++) {
        (this.y[v] as Float64Array)[i] = (measured.proposal[v] as Float64Array)[j] as number;
        (this.firstStage[v] as Float64Array)[i] = (measured.lastStage[v] as Float64Array)[j] as number;
      }
      if (landed) this.recordOutput(i);
      if (this.active[i] && this.growingTooFast(i, j, measured.lastStage)) {
        this.blowUp(i, this.t[i] as number);
        return;
      }
    }
    // 0.9 · error^-0.2, through exp and log: Math.pow is several times slower, and this runs once per step.
    const factor = error === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.exp(-0.2 * Math.log(error))));
    this.h[i] = (step > 0 ? step : (this.h[i] as number)) * factor;
  }

  /**
   * Whether a variable has grown a millionfold past its start (or past 1, from 0) and still doubles within
   * BLOWUP_SCALE of the span: the signature of hyperbolic growth close to its singularity.
   */
  private growingTooFast(i: number, j: number, derivative: State): boolean {
    const span = this.problem.t1 - this.problem.t0;
    for (let v = 0; v < this.variables; v++) {
      const value = (this.y[v] as Float64Array)[i] as number;
      const slope = (derivative[v] as Float64Array)[j] as number;
      const start = Math.abs((this.problem.initial[v] as Float64Array)[i] as number) || 1;
      if (
        Math.abs(value) > GROWTH_BEFORE_BLOWUP * start &&
        value * slope > 0 &&
        Math.abs(value / slope) < BLOWUP_SCALE * span
      )
        return true;
    }
    return false;
  }

  /** The 5th-order proposal, the embedded error estimate (in tolerance units) and divergence, for every sample. */
  private measureStep(k: State[], y: State, measured: MeasuredStep): void {
    const { stepH, proposal, errors, diverged } = measured;
    errors.fill(0);
    diverged.fill(0);
    for (let v = 0; v < this.variables; v++)
      measureVariable(
        k.map((stage) => stage[v] as Float64Array),
        y[v] as Float64Array,
        proposal[v] as Float64Array,
        stepH,
        errors,
        diverged,
      );
  }

  private recordOutput(i: number): void {
    const index = this.nextOutput[i] as number;
    for (let v = 0; v < this.variables; v++)
      ((this.outputs[index] as State)[v] as Float64Array)[i] = (this.y[v] as Float64Array)[i] as number;
    this.nextOutput[i] = index + 1;
    if (index + 1 >= this.outputs.length) this.deactivate(i);
  }

  /** Records sample i's blow-up time; its later outputs are +Infinity (divergence shown as divergence). */
  private blowUp(i: number, time: number): void {
    this.blowupTimes[i] = time;
    for (let index = this.nextOutput[i] as number; index < this.outputs.length; index++)
      for (let v = 0; v < this.variables; v++)
        ((this.outputs[index] as State)[v] as Float64Array)[i] = Number.POSITIVE_INFINITY;
    this.deactivate(i);
  }

  private deactivate(i: number): void {
    this.active[i] = 0;
    this.remaining--;
  }
}

/** y + h * sum_j A[stage][j] * k_j for one variable: the state at which a stage evaluates f. */
function stageState(
  column: Float64Array,
  k: State[],
  v: number,
  stage: number,
  stepH: Float64Array,
): Float64Array {
  const out = column.slice();
  const weights = A[stage] as number[];
  for (let j = 0; j < stage; j++) {
    const a = weights[j] as number;
    if (a !== 0) addScaled(out, (k[j] as State)[v] as Float64Array, a, stepH);
  }
  return out;
}

function addScaled(out: Float64Array, kj: Float64Array, a: number, stepH: Float64Array): void {
  for (let i = 0; i < out.length; i++)
    out[i] = (out[i] as number) + (stepH[i] as number) * a * (kj[i] as number);
}

function stageTimes(t: Float64Array, c: number, stepH: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < out.length; i++) out[i] = (t[i] as number) + c * (stepH[i] as number);
  return out;
}

function measureVariable(
  stages: Float64Array[],
  current: Float64Array,
  next: Float64Array,
  stepH: Float64Array,
  errors: Float64Array,
  diverged: Uint8Array,
): void {
  const [k0, , k2, k3, k4, k5, k6] = stages as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let i = 0; i < current.length; i++) {
    const step = stepH[i] as number;
    if (step === 0) continue;
    const s0 = k0[i] as number;
    const s2 = k2[i] as number;
    const s3 = k3[i] as number;
    const s4 = k4[i] as number;
    const s5 = k5[i] as number;
    const s6 = k6[i] as number;
    const high = B5_0 * s0 + B5_2 * s2 + B5_3 * s3 + B5_4 * s4 + B5_5 * s5;
    const low = B4_0 * s0 + B4_2 * s2 + B4_3 * s3 + B4_4 * s4 + B4_5 * s5 + B4_6 * s6;
    const from = current[i] as number;
    const to = from + step * high;
    next[i] = to;
    if (!Number.isFinite(to) || Math.abs(to) > DIVERGENCE_LIMIT) diverged[i] = 1;
    const scale = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.max(Math.abs(from), Math.abs(to));
    const error = Math.abs(step * (high - low)) / scale;
    if (error > (errors[i] as number) || Number.isNaN(error))
      errors[i] = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
  }
}
