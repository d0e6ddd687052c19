"use client";
import { type ReactNode, useEffect, useRef } from "react";
import type { Target } from "./charts";
import styles from "./outputs.module.css";

/** Before layout (or in a document without one) a chart gets this width; the SVG scales down to fit anyway. */
const FALLBACK_WIDTH = 640;

/**
 * Mounts a chart built by Observable Plot into a figure, rebuilt whenever `build` changes (memoize it on what the
 * chart shows). The caption is the figure's accessible description as well as its visible one.
 */
export function PlotFigure({ build, caption }: { build: (target: Target) => Element; caption?: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = container.current;
    if (!node) return;
    const chart = build({ document: node.ownerDocument, width: node.clientWidth || FALLBACK_WIDTH });
    node.replaceChildren(chart);
    return () => chart.remove();
  }, [build]);
  return (
    <figure className={styles.figure}>
      <div ref={container} className={styles.chart} />
      {caption ? <figcaption className={styles.caption}>{caption}</figcaption> : null}
    </figure>
  );
}
