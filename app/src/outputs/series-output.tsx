"use client";
import type { SeriesSummary } from "@crux/engine";
import { useCallback, useState } from "react";
import { blowupText, offersLog, seriesChart, seriesRange, suggestsLog, type Target } from "./charts";
import styles from "./outputs.module.css";
import { PlotFigure } from "./plot-figure";
import { ScaleToggle } from "./scale-toggle";

/** A simulated trajectory: median and mean with the 5–95% band, and when samples blew up. */
export function SeriesOutput({ summary, samples }: { summary: SeriesSummary; samples: number }) {
  const { low, high } = seriesRange(summary);
  const canLog = offersLog(low, high);
  const suggested = suggestsLog(low, high);
  const [choice, setChoice] = useState<boolean | undefined>(undefined);
  const log = canLog && (choice ?? suggested);
  const build = useCallback((target: Target) => seriesChart(summary, { ...target, log }), [summary, log]);
  const caption =
    "y" in summary
      ? "Value over t"
      : `Median (solid line), mean (dashed) and the band from the 5th to 95th percentile${
          summary.blowup ? "; the mean and upper band end where samples start to blow up" : ""
        }`;
  const blowup = blowupText(summary, samples);
  return (
    <>
      <PlotFigure build={build} caption={caption} />
      {blowup ? <p className={styles.blowup}>{blowup}</p> : null}
      {canLog ? <ScaleToggle log={log} suggested={suggested} onChange={setChoice} /> : null}
    </>
  );
}
