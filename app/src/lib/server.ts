/** Server-side access to the API for server components and route handlers. */
import { createCaller, createContext, getAuth } from "@crux/api";
import { getPrisma } from "@crux/db";
import { headers } from "next/headers";

export const auth = () => getAuth(getPrisma());

export async function serverCaller() {
  return createCaller(await createContext({ headers: await headers() }));
}

export async function currentUser() {
  // headers() first: it marks the page as dynamic before anything touches the database.
  const requestHeaders = await headers();
  const session = await auth().api.getSession({ headers: requestHeaders });
  return session?.user ?? null;
}
