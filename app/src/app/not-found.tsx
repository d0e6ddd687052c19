export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="card empty">
      <h1>Not found</h1>
      <p>This page does not exist, or it belongs to a notebook you have not been given access to.</p>
      <p>
        <a href="/">Back to your notebooks</a>
      </p>
    </div>
  );
}
