"use client";
import "./globals.css";

/** When the root layout itself fails (say, the database is down), this replaces the whole document. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body>
        <main className="page">
          <div className="card empty" role="alert">
            <h1>Crux is having trouble</h1>
            <p>
              The server could not build this page. Nothing you saved is lost. Try again in a moment; if it
              keeps happening, quote this reference: {error.digest ?? "n/a"}.
            </p>
            <button type="button" className="primary" onClick={reset}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
