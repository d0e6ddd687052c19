import { z } from "zod";

/**
 * Where to go after signing in: only a path on this site. "//host" and "/\host" are other sites to a browser, so an
 * attacker's link could otherwise turn our sign-in page into a redirect to theirs.
 */
const returnPathSchema = z.string().regex(/^\/(?![/\\])/);

export function safeReturnPath(candidate: unknown): string {
  const parsed = returnPathSchema.safeParse(candidate);
  return parsed.success ? parsed.data : "/";
}

/** The sign-in page that comes back to `path` afterwards. */
export function signInPathReturningTo(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
