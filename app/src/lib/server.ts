/** Server-side access to the API for server components and route handlers. */
import { type AppRouter, appRouter, createCaller, createContext, getAuth } from "@crux/api";
import { getPrisma } from "@crux/db";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { makeQueryClient } from "./query-client";

/** The one auth instance of this process, made on first use: `next build` must not need a database. */
export const auth = () => getAuth(getPrisma());

/** The request's context (its signed-in user), resolved once per request however many components ask. */
const requestContext = cache(async () => createContext({ headers: await headers() }));

export async function currentUser() {
  return (await requestContext()).user;
}

export async function serverCaller() {
  return createCaller(await requestContext());
}

/** Each request's own query cache, which prefetches fill and `HydrateClient` hands to the browser. */
export const getQueryClient = cache(makeQueryClient);

/** `trpc.notebook.list.queryOptions()` on the server: procedures run in-process with the request's context. */
export const serverTrpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: requestContext,
  queryClient: getQueryClient,
});
