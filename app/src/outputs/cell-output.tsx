"use client";
import type { CellSummary } from "@crux/engine";
import { memo } from "react";
import type { CellResult } from "../evaluation/scheduler";
import { DistributionOutput } from "./distribution-output";
import { formatCount, formatNumber, formatProbability, inlineValue } from "./format";
import styles from "./outputs.module.css";
import { SeriesOutput } from "./series-output";

type Props = {
  result: CellResult | undefined;
  cellName: (id: string) => string | undefined;
  onShowCell: (id: string) => void;
};

/** A cell's result: chart, value or error; dimmed with an "updating…" marker while its inputs have changed. */
export const CellOutput = memo(function CellOutput({ result, cellName, onShowCell }: Props) {
  if (!result)
    return (
      <div className={styles.output} aria-busy="true">
        <span className={styles.marker}>evaluating…</span>
      </div>
    );
  const sampled = result.summary.type === "distribution" || result.summary.type === "series";
  return (
    <div className={`${styles.output} ${result.stale ? styles.stale : ""}`} aria-busy={result.stale}>
      {result.stale || sampled ? (
        <div className={styles.meta}>
          {result.stale ? (
            <span className={styles.marker} role="status">
              updating…
            </span>
          ) : null}
          {sampled ? <span className={styles.samples}>{formatCount(result.samples)} samples</span> : null}
        </div>
      ) : null}
      <SummaryView result={result} cellName={cellName} onShowCell={onShowCell} />
    </div>
  );
});

function SummaryView({ result, cellName, onShowCell }: Props & { result: CellResult }) {
  const { summary } = result;
  switch (summary.type) {
    case "distribution":
      return summary.probability !== undefined ? (
        <Probability p={summary.probability} />
      ) : (
        <DistributionOutput summary={summary} />
      );
    case "series":
      return <SeriesOutput summary={summary} samples={result.samples} />;
    case "error":
      return (
        <ErrorOutput
          summary={summary}
          dependencyCellId={result.dependencyCellId}
          cellName={cellName}
          onShowCell={onShowCell}
        />
      );
    case "number":
      return result.probability ? (
        <Probability p={summary.value} />
      ) : (
        <p>
          <output className={styles.value}>{formatNumber(summary.value)}</output>
        </p>
      );
    case "boolean":
      return <output className={styles.value}>{summary.value ? "true" : "false"}</output>;
    case "string":
      return <output className={styles.value}>“{summary.value}”</output>;
    case "function":
      return <span className={styles.quiet}>a function: other cells can call it</span>;
    case "list":
    case "record":
      return <Entries summary={summary} />;
  }
}

/** The probability of a condition (a distribution of 0/1 samples) or of a `P(...)` cell. */
function Probability({ p }: { p: number }) {
  return (
    <p>
      <output className={styles.value}>{formatProbability(p)}</output>{" "}
      <span className={styles.quiet}>chance that the condition holds</span>
    </p>
  );
}

function Entries({ summary }: { summary: Extract<CellSummary, { type: "list" | "record" }> }) {
  const entries: [string, CellSummary][] =
    summary.type === "list"
      ? summary.value.map((item, i) => [String(i), item])
      : Object.entries(summary.value);
  return (
    <dl className={styles.entries}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{inlineValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorOutput({
  summary,
  dependencyCellId,
  cellName,
  onShowCell,
}: {
  summary: Extract<CellSummary, { type: "error" }>;
  dependencyCellId: string | undefined;
  cellName: Props["cellName"];
  onShowCell: Props["onShowCell"];
}) {
  const where = summary.line !== undefined ? `Line ${summary.line}, column ${summary.column ?? 1}: ` : "";
  return (
    <div className={`error ${styles.error}`} role="alert">
      <span>
        {where}
        {summary.message}
      </span>
      {dependencyCellId ? (
        <button type="button" className="link-button" onClick={() => onShowCell(dependencyCellId)}>
          Show {cellName(dependencyCellId) ?? summary.dependency}
        </button>
      ) : null}
    </div>
  );
}
