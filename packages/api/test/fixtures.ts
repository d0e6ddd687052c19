/// <reference path="../../db/test/global-setup.ts" />
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@crux/db";
import { inject } from "vitest";
import { createAuth, createCaller, createContext } from "../src";

export const db = createPrismaClient(inject("databaseUrl"));
export const auth = createAuth(db, {
  baseURL: "http://localhost:3000",
  secret: "a-test-secret-that-is-long-enough-1234",
});

/** Signs a new user up through better-auth and returns a tRPC caller acting with their session cookie. */
export async function signUp(name = "Ada") {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.test`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { email, password: "correct horse battery", name },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((setCookie) => setCookie.split(";")[0])
    .join("; ");
  const context = await createContext({ headers: new Headers({ cookie }), db, auth });
  return { caller: createCaller(context), user: response.user, context };
}

export const anonymous = () => createCaller({ db, user: null });

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
