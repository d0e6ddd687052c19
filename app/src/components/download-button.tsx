"use client";
import { useState } from "react";
import { useTRPCClient } from "@/lib/trpc";

/** Saves the notebook as `<title>.crux.json`, always fresh from the server (never a cached copy). */
export function DownloadButton({ id, title }: { id: string; title: string }) {
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    try {
      const file = await client.notebook.exportFile.query({ id });
      saveJson(file, `${slug(title)}.crux.json`);
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

function saveJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement("a"), { href: url, download: fileName }).click();
  URL.revokeObjectURL(url);
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "notebook"
  );
}
