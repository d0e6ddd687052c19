"use client";
/** The notebook's evaluation settings: how many samples each distribution draws, and the random seed. */
import { MAX_SAMPLES, NotebookEditError, setSettings } from "@crux/notebook";
import { type FormEvent, useState } from "react";
import type * as Y from "yjs";
import { Modal } from "@/components/modal";
import { type NotebookStore, useSettings } from "./notebook-store";

type Props = { open: boolean; onClose: () => void; doc: Y.Doc; store: NotebookStore; readOnly: boolean };

export function SettingsDialog(props: Props) {
  const settings = useSettings(props.store);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      setSettings(props.doc, { samples: Number(form.get("samples")), seed: Number(form.get("seed")) });
      setError(null);
      props.onClose();
    } catch (caught) {
      if (!(caught instanceof NotebookEditError)) throw caught;
      setError(caught.message);
    }
  }

  return (
    <Modal open={props.open} title="Notebook settings" onClose={props.onClose}>
      <form className="dialog-form" onSubmit={submit}>
        <label>
          Samples
          <input
            name="samples"
            type="number"
            min={1}
            max={MAX_SAMPLES}
            step={1}
            required
            defaultValue={settings.samples}
            readOnly={props.readOnly}
          />
          <span className="hint">
            Draws per uncertain value (up to {MAX_SAMPLES.toLocaleString("en")}). More is smoother and slower;
            while you type, outputs preview with fewer.
          </span>
        </label>
        <label>
          Seed
          <input
            name="seed"
            type="number"
            step={1}
            required
            defaultValue={settings.seed}
            readOnly={props.readOnly}
          />
          <span className="hint">The same seed gives everyone the same numbers.</span>
        </label>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {props.readOnly ? "Close" : "Cancel"}
          </button>
          {props.readOnly ? null : (
            <button type="submit" className="primary">
              Save settings
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
