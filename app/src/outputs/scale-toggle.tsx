"use client";
import styles from "./outputs.module.css";

/** The log-scale switch of a chart, with the hint when the values span orders of magnitude but it is off. */
export function ScaleToggle({
  log,
  suggested,
  onChange,
}: {
  log: boolean;
  suggested: boolean;
  onChange: (log: boolean) => void;
}) {
  return (
    <div className={styles.toggleRow}>
      <button type="button" className={styles.toggle} aria-pressed={log} onClick={() => onChange(!log)}>
        Log scale
      </button>
      {suggested && !log ? (
        <span className={styles.hint}>spans orders of magnitude: log scale reads better</span>
      ) : null}
    </div>
  );
}
