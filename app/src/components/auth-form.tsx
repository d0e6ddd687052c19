"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { authClient } from "@/lib/auth-client";

/** Sign-in and sign-up share one form; sign-up adds the display name. */
export function AuthForm({ mode, next }: { mode: "sign-in" | "sign-up"; next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setPending(true);
    setError(null);
    try {
      const result =
        mode === "sign-up"
          ? await authClient.signUp.email({ email, password, name: String(form.get("name")).trim() })
          : await authClient.signIn.email({ email, password });
      if (result.error) return setError(result.error.message ?? "Something went wrong; please try again.");
      router.push(next);
      router.refresh();
    } catch {
      setError("Crux could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="card auth-form" onSubmit={submit}>
      <h1>{mode === "sign-up" ? "Create your account" : "Sign in to Crux"}</h1>
      {mode === "sign-up" ? (
        <label>
          Display name
          <input name="name" required maxLength={80} autoComplete="name" />
        </label>
      ) : null}
      <label>
        Email
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
        />
      </label>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? "Please wait…" : mode === "sign-up" ? "Sign up" : "Sign in"}
      </button>
      <p className="muted">
        {mode === "sign-up" ? (
          <>
            Already have an account? <a href={withNext("/sign-in", next)}>Sign in</a>
          </>
        ) : (
          <>
            New to Crux? <a href={withNext("/sign-up", next)}>Create an account</a>
          </>
        )}
      </p>
    </form>
  );
}

/** Switching between sign-in and sign-up keeps the page the user was trying to reach. */
function withNext(path: string, next: string): string {
  return next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;
}
