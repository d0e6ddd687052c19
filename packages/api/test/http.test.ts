import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { appRouter, createContext } from "../src";
import { prisma, signUp } from "./fixtures";

/** One tRPC request over HTTP, as the app's route handler serves it. */
async function callOverHttp(path: string, input: unknown, headers: Headers) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { ...Object.fromEntries(headers), "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: appRouter,
    createContext: () => createContext({ headers, prisma }),
  });
  const body = (await response.json()) as { error?: { json: unknown } };
  return { status: response.status, error: body.error?.json };
}

describe("over HTTP", () => {
  it("answers an invalid input with 400, a readable message and the wrong fields", async () => {
    const { sessionHeaders } = await signUp();
    const { status, error } = await callOverHttp("notebook.rename", { id: "", title: " " }, sessionHeaders);
    expect(status).toBe(400);
    expect(error).toMatchObject({
      message: "id: must not be empty; title: must not be empty",
      data: {
        code: "BAD_REQUEST",
        fieldErrors: [
          { field: "id", message: "must not be empty" },
          { field: "title", message: "must not be empty" },
        ],
      },
    });
  });

  it("answers a request without a session with 401", async () => {
    const { status, error } = await callOverHttp("notebook.create", { title: "Nope" }, new Headers());
    expect(status).toBe(401);
    expect(error).toMatchObject({ data: { code: "UNAUTHORIZED", fieldErrors: null } });
  });
});
