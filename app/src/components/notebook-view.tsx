import type { RouterOutputs } from "@crux/api";
import Markdown from "react-markdown";
import { DownloadButton } from "./download-button";

type Notebook = RouterOutputs["notebook"]["get"];

/** The notebook read-only: the live editor replaces this with the collaborative one. */
export function NotebookView({ notebook }: { notebook: Notebook }) {
  const { cells, settings } = notebook.notebook;
  return (
    <article className="notebook">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="/">← All notebooks</a>
      </nav>
      <header className="notebook-header">
        <div>
          <h1>{notebook.title}</h1>
          <p className="muted">
            by {notebook.ownerName} · you are {notebook.role.toLowerCase()} ·{" "}
            {settings.samples.toLocaleString("en")} samples, seed {settings.seed}
          </p>
        </div>
        <div className="actions">
          <DownloadButton id={notebook.id} title={notebook.title} />
        </div>
      </header>
      {cells.length === 0 ? <p className="card empty">This notebook has no cells yet.</p> : null}
      {cells.map((cell) => (
        <div key={cell.id} className={`cell cell-${cell.kind}`}>
          {cell.kind === "text" ? (
            // react-markdown renders no raw HTML: user text cannot inject markup.
            <Markdown>{cell.text}</Markdown>
          ) : (
            <>
              <div className="cell-head">
                <span className="cell-kind">{cell.kind}</span>
                {cell.name ? <code className="cell-name">{cell.name}</code> : null}
                {cell.unit ? <span className="muted">{cell.unit}</span> : null}
              </div>
              <pre className="expr">{cell.expr}</pre>
              {cell.description ? <p>{cell.description}</p> : null}
              {cell.source ? <p className="muted source">Source: {cell.source}</p> : null}
            </>
          )}
        </div>
      ))}
    </article>
  );
}
