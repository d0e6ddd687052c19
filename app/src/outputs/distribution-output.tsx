"use client";
import type { DistributionSummary } from "@crux/engine";
import { useCallback, useState } from "react";
import {
  allowsLog,
  distributionChart,
  histogramBins,
  offersLog,
  suggestsLog,
  type Target,
  tornadoChart,
  tornadoRows,
} from "./charts";
import { summaryLine } from "./format";
import { PlotFigure } from "./plot-figure";
import { ScaleToggle } from "./scale-toggle";

/** Histogram with p5/p50/p95, the summary line, a log-scale switch and, downstream of parameters, the tornado. */
export function DistributionOutput({ summary }: { summary: DistributionSummary }) {
  const { p5, p95 } = summary.percentiles;
  const canLog = allowsLog(summary) && offersLog(p5, p95);
  const suggested = canLog && suggestsLog(p5, p95);
  // Until the reader chooses, the scale follows the suggestion (which can change as the cell is edited).
  const [choice, setChoice] = useState<boolean | undefined>(undefined);
  const log = canLog && (choice ?? suggested);
  const drawable = histogramBins(summary, log).length > 0;
  const histogram = useCallback(
    (target: Target) => distributionChart(summary, { ...target, log }),
    [summary, log],
  );
  const sensitivity = summary.sensitivity ?? {};
  const tornado = useCallback((target: Target) => tornadoChart(sensitivity, target), [sensitivity]);
  return (
    <>
      {drawable ? (
        <PlotFigure build={histogram} caption={summaryLine(summary)} />
      ) : (
        <p>{summaryLine(summary)}</p>
      )}
      {drawable && canLog ? <ScaleToggle log={log} suggested={suggested} onChange={setChoice} /> : null}
      {tornadoRows(sensitivity).length > 0 ? (
        <PlotFigure build={tornado} caption="What drives it: rank correlation with each uncertain input" />
      ) : null}
    </>
  );
}
