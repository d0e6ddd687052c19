"use client";
import { useState } from "react";
import { notebookFileName, saveJson } from "@/lib/download";
import { useTRPCClient } from "@/lib/trpc";

/** Saves the notebook as `<title>.crux.json`, always fresh from the server (never a cached copy). */
export function DownloadButton({ id, title }: { id: string; title: string }) {
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    try {
      const file = await client.notebook.exportFile.query({ id });
      saveJson(file, notebookFileName(title));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "the download failed");
    }
  }

  return (
    <>
      <button type="button" onClick={download}>
        Download
      </button>
      {error ? (
        <span role="alert" className="error inline-error">
          {error}
        </span>
      ) : null}
    </>
  );
}
