"use client";
/**
 * What a notebook without cells shows: what a notebook is, and two ways to start — a seed model (a worked notebook
 * reproducing a published argument) or a blank page with a first parameter.
 */
import { applyNotebookFileToDoc } from "@crux/notebook";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type * as Y from "yjs";
import { useTRPC, useTRPCClient } from "@/lib/trpc";

type Props = { doc: Y.Doc; onBlank: () => void };

export function EmptyNotebook(props: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const templates = useQuery(trpc.notebook.templates.queryOptions());
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start(id: string) {
    setLoading(id);
    setError(null);
    try {
      const file = await client.notebook.template.query({ id });
      // Cells, settings and title in one transaction; the editor saves the new title as the record's too.
      applyNotebookFileToDoc(props.doc, file);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "the template could not be loaded");
    } finally {
      setLoading(null);
    }
  }

  return (
    <div className="card empty-notebook">
      <h2>Start this notebook</h2>
      <p className="muted">
        A notebook holds <strong>parameters</strong> (a number, or a range such as <code>2 to 10</code> when
        you are unsure), <strong>models</strong> that combine them by name, and <strong>text</strong> for your
        reasoning. Outputs update as you type, for everyone here.
      </p>
      <div className="start-options">
        <button type="button" className="start-blank" onClick={props.onBlank}>
          <strong>Blank page</strong>
          <span className="muted">Start with one parameter</span>
        </button>
        {templates.isPending ? <p className="muted">Loading seed models…</p> : null}
        {templates.isError ? (
          <p role="alert" className="error">
            The seed models could not be loaded: {templates.error.message}
          </p>
        ) : null}
        {templates.data?.map((template) => (
          <button
            key={template.id}
            type="button"
            className="start-template"
            disabled={loading !== null}
            aria-busy={loading === template.id}
            onClick={() => start(template.id)}
          >
            <strong>{template.title}</strong>
            <span className="muted">
              Seed model · {template.parameters} parameters, {template.models} models
            </span>
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
