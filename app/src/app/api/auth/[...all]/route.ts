import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server";

// Created on first request, not at import: `next build` must not need a database.
const handler = (request: Request) =>
  toNextJsHandler(auth())[request.method === "GET" ? "GET" : "POST"](request);

export { handler as GET, handler as POST };
