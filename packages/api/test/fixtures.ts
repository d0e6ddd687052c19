/// <reference path="../../db/test/global-setup.ts" />
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@crux/db";
import { TRPCError } from "@trpc/server";
import { inject } from "vitest";
import { createCaller, createContext, getAuth } from "../src";

export const prisma = createPrismaClient(inject("databaseUrl"));
export const auth = getAuth(prisma);
export const PASSWORD = "correct horse battery";

/** The session cookie(s) a better-auth response sets, as the Cookie header a browser would send back. */
export function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((setCookie) => setCookie.split(";")[0])
    .join("; ");
}

/** Signs a new, unique user up through better-auth; returns a tRPC caller acting with their session cookie. */
export async function signUp(name = "Ada") {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.test`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password: PASSWORD, name },
    returnHeaders: true,
  });
  const sessionHeaders = new Headers({ cookie: cookieHeader(headers) });
  const context = await createContext({ headers: sessionHeaders, prisma });
  return { caller: createCaller(context), user: response.user, context, sessionHeaders };
}

export const anonymous = () => createCaller({ prisma, user: null });

/** The TRPCError a call fails with (fails the test if the call succeeds or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

export const validFile = {
  format: "crux.notebook/1",
  title: "Takeoff",
  settings: { samples: 2000, seed: 5 },
  cells: [
    { kind: "text", text: "Why **r > 1**" },
    { kind: "parameter", name: "r", expr: "0.4 to 3.6", unit: "doublings" },
    { kind: "model", name: "fooms", expr: "P(r > 1)" },
  ],
};
