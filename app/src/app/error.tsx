"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="card empty" role="alert">
      <h1>Something went wrong</h1>
      <p>
        Nothing you saved is lost. Try again; if it keeps happening, quote this reference:{" "}
        {error.digest ?? "n/a"}.
      </p>
      <button type="button" className="primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
