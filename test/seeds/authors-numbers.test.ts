/**
 * The seed essays' own numbers, reproduced by the template notebooks. Each test name quotes the source sentence;
 * tolerances follow the source's rounding. Where the authors' arithmetic does not reproduce, the test says so and
 * asserts what the model really gives.
 */
import { describe, expect, it } from "vitest";
import {
  blowsUp,
  blowup,
  distribution,
  expectClose,
  number,
  numbers,
  useEvaluatedTemplate,
} from "./evaluate";

describe("004: 6 OOMs in the first year after full automation", () => {
  const evaluated = useEvaluatedTemplate("004-first-year-after-automation.crux.json");

  it("“(15k / 600)^0.55 * 60 = 350”", () => expectClose(number(evaluated(), "serial_labor"), 350, 0.01));
  it("“So, we do 350^0.5 = 19x”", () => expectClose(number(evaluated(), "research_speedup"), 19, 0.02));
  it("“4 OOMs of headroom” + “maybe 9 OOMs” = 13 OOMs", () =>
    expect(number(evaluated(), "total_headroom")).toBe(13));

  it("“25th percentile of 2.5 OOMs … and a 75th percentile of 12 OOMs” around a median of 6", () => {
    const { p25, p50, p75 } = distribution(evaluated(), "first_year_ooms");
    expectClose(p50, 6, 0.05);
    expectClose(p25, 2.5, 0.15); // a lognormal through the median gives 2.7 and 13.2
    expectClose(p75, 12, 0.15);
  });
});

describe("001: the software-only singularity (Greenblatt and the re-analysis)", () => {
  const evaluated = useEvaluatedTemplate("001-software-only-singularity.crux.json");

  it("“3.5=α⋅4^0.4⋅1.6^0.6, α=1.52”", () => expectClose(number(evaluated(), "alpha"), 1.52, 0.005));
  it("“doubling labor would increase algorithmic improvement by 1.52⋅2^0.6=2.3”", () =>
    expectClose(number(evaluated(), "labor_doubling_gain"), 2.3, 0.01));

  it("does not reproduce “if we instead used 3x slower … doubling labor increases algorithmic improvement by 1.56”: the same formula gives 2.03", () => {
    expectClose(number(evaluated(), "labor_doubling_gain_3x_slower"), 2.03, 0.005);
  });

  it("“Above, we got λ/β=1.5, so our takeoff ratio is 0.6∗1.5=.9”", () => {
    expectClose(number(evaluated(), "returns_to_research"), 1.5, 0.01);
    expectClose(number(evaluated(), "takeoff_ratio"), 0.9, 0.01);
  });

  it("“a historical growth rate of 4 instead of 3.5 … to a ratio of .99, right on the knife edge of FOOM”", () =>
    expectClose(number(evaluated(), "takeoff_ratio_at_4x"), 0.99, 0.01));

  it("puts a minority chance on a takeoff ratio above 1 when the historical rates are uncertain", () => {
    const pFoom = number(evaluated(), "p_foom");
    const ratio = distribution(evaluated(), "takeoff_ratio_uncertain");
    expect(ratio.p50).toBeLessThan(1);
    expect(ratio.p95).toBeGreaterThan(1);
    expect(pFoom).toBeGreaterThan(0.05);
    expect(pFoom).toBeLessThan(0.5);
  });

  it("simulates software growth in which only samples with a takeoff ratio above 1 blow up", () => {
    const softwareBlowup = blowup(evaluated(), "software_level");
    expect(softwareBlowup.fraction).toBeGreaterThan(0);
    expect(softwareBlowup.fraction).toBeLessThanOrEqual(number(evaluated(), "p_foom"));
    expect(softwareBlowup.p50).toBeGreaterThan(0);
    expect(softwareBlowup.p50).toBeLessThan(10);
  });
});

describe("001: Tom Davidson's chain of adjustments to r", () => {
  const evaluated = useEvaluatedTemplate("001-davidson-returns-to-software.crux.json");

  it("“This doubles my median estimate to r = ~2.8 (= 1.4 * 2)”", () =>
    expect(number(evaluated(), "r_software")).toBeCloseTo(2.8, 9));
  it("“adjust my median estimate to r = ~4 (2.8*1.45=4)”", () =>
    expectClose(number(evaluated(), "r_post_training"), 4, 0.02));
  it("“this still reduces my median estimate down to r = ~3”", () =>
    expectClose(number(evaluated(), "r_fixed_compute_experiments"), 3, 0.02));
  it("“This reduces my estimate down to r = ~1.7 (3 * 9⁄16)”", () =>
    expectClose(number(evaluated(), "r_fixed_hardware"), 1.7, 0.01));
  it("“This reduces my median estimate to r = ~1.2 (1.7-0.5)”", () =>
    expectClose(number(evaluated(), "r_median"), 1.2, 0.02));

  it("“I use a log-uniform distribution with the bounds 3X higher and lower (0.4 to 3.6)”", () => {
    const r = distribution(evaluated(), "r");
    expect(r.min).toBeGreaterThanOrEqual(0.4);
    expect(r.max).toBeLessThanOrEqual(3.6);
    expectClose(r.p50, 1.2, 0.03);
    expectClose(number(evaluated(), "p_r_above_1"), Math.log(3.6) / Math.log(9), 0.03);
  });
});

describe("002: overhangs and the backfire risk of pausing", () => {
  const evaluated = useEvaluatedTemplate("002-overhangs-and-pausing.crux.json");

  it("“I chose a value for C0 and C1 such that the takeoff starts close to 2040”", () =>
    expectClose(number(evaluated(), "takeoff_year_baseline"), 2040 - 2022, 0.05));

  it("“The maximum takeoff speed increases from 25.5 to 28 (OOM of compute equivalent/year)”", () => {
    expectClose(number(evaluated(), "max_speed_baseline"), 25.5, 0.01);
    expectClose(number(evaluated(), "max_speed_faster_investment"), 28, 0.01);
  });

  it("“The maximum takeoff speed increases from 24 to 52” (24 fitted through the investment unit; 52 reproduced within 2%)", () => {
    expectClose(number(evaluated(), "max_speed_asymmetry_baseline"), 24, 0.001);
    expectClose(number(evaluated(), "max_speed_asymmetry_faster_investment"), 52, 0.025);
  });
});

describe("000: the compounding productivity loop", () => {
  const evaluated = useEvaluatedTemplate("000-compounding-productivity.crux.json");

  it("“You would get a 1.01 multiplier in productivity”", () =>
    expect(number(evaluated(), "naive_multiplier")).toBeCloseTo(1.01, 12));

  it("“it cannot go faster than the slow thing”: Amdahl's speedups stay below the AI's speed", () => {
    expect(number(evaluated(), "speedup_first_generation")).toBeLessThan(1.01);
    const speedups = numbers(evaluated(), "speedups_by_generation");
    expect(speedups).toEqual([...speedups].sort((a, b) => a - b));
    expect(Math.max(...speedups)).toBeLessThan(number(evaluated(), "ai_speed"));
    expect(blowsUp(evaluated(), "automation_with_bottleneck")).toBe(false);
  });

  it("with instant AI, productivity blows up when the last percent is automated, after 1/(2 · 1%) = 50 generations", () => {
    const instantBlowup = blowup(evaluated(), "productivity_instant_ai");
    expect(instantBlowup.fraction).toBe(1);
    expectClose(instantBlowup.p50, 50, 1e-4);
  });
});

describe("003: the takeoff story, dated", () => {
  const evaluated = useEvaluatedTemplate("003-takeoff-story-timeline.crux.json");

  it("“ByteDance would build such an LM on, say, a 24-month timeframe from today” (27 Sep 2021): the story opens in late 2023", () =>
    expectClose(number(evaluated(), "story_start"), 2023.74, 1e-6));

  it("“Within a year of their launch, auto-generated articles make up the bulk of Toutiao’s inventory”", () => {
    const { min, max } = distribution(evaluated(), "toutiao_bulk_years");
    expect(min).toBeGreaterThanOrEqual(0.25);
    expect(max).toBeLessThanOrEqual(1);
  });

  it("“But one year later, Google launches an improved version of the model”, after an I/O in May", () => {
    const io = distribution(evaluated(), "google_io_announcement");
    const launch = distribution(evaluated(), "synthetic_saas_launch");
    for (const key of ["min", "p5", "p50", "p95", "max"] as const) {
      expectClose(launch[key] - io[key], 1, 1e-9);
      expectClose(io[key] - Math.floor(io[key]), 0.37, 1e-9);
    }
  });

  it("does not fit “Apple soon follows, building a model … into iOS 19”: from the 24-month start the chain reaches Apple around 2027, after iOS 19 ships in Sep 2025", () => {
    expectClose(number(evaluated(), "ios19_release"), 2025.72, 1e-6);
    expect(distribution(evaluated(), "apple_follows").p50).toBeGreaterThan(2026.5);
    expect(number(evaluated(), "p_chain_fits_ios19")).toBeLessThan(0.01);
  });

  it("“accepts over 200 SaaS startups … fewer than 100 of them are left to pitch … Only a few dozen … close funding rounds”", () => {
    expect(number(evaluated(), "share_still_pitching")).toBe(0.5);
    const funded = distribution(evaluated(), "share_funded");
    expect(funded.min).toBeGreaterThanOrEqual(0.12);
    expect(funded.max).toBeLessThanOrEqual(0.24);
  });

  it("“A dozen more anomalies appear over the next three weeks”: 4 a week", () =>
    expect(number(evaluated(), "anomalies_per_week")).toBe(4));

  it("“between 0.5 and 1 million jobs … More than a hundred million total employed … to make unemployment go up by a couple percent a bunch of other stuff would need to be automated away”", () => {
    const rise = distribution(evaluated(), "unemployment_rise_points");
    expectClose(rise.p5, 0.5, 0.01);
    expectClose(rise.p95, 1, 0.01);
    expect(number(evaluated(), "p_couple_percent_from_these_jobs")).toBe(0);
    expect(distribution(evaluated(), "jobs_missing_for_two_points").p5).toBeGreaterThan(1e6);
    expect(number(evaluated(), "programmer_share_points")).toBe(0.25);
  });

  it("“nearly a billion dollars” → “This should be more like $10B+”: one order of magnitude, and “multiplies the expense by an order of magnitude” makes $100B", () => {
    expect(number(evaluated(), "codex4_correction_ooms")).toBe(1);
    expect(number(evaluated(), "codex4_cost_with_reviews")).toBe(1e11);
  });
});
