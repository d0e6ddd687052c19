import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/return-path";
import { currentUser } from "@/lib/server";
import { AuthForm } from "./auth-form";

export type AuthPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Sign-in and sign-up: someone already signed in goes straight on to where they were heading. */
export async function AuthPage({ mode, searchParams }: AuthPageProps & { mode: "sign-in" | "sign-up" }) {
  const next = safeReturnPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  return <AuthForm mode={mode} next={next} />;
}
