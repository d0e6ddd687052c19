/** tRPC in one place: the context (database and signed-in user), the procedures, and readable error messages. */
import { getPrisma, type PrismaClient } from "@crux/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { type Auth, getAuth } from "./auth";

export type SessionUser = { id: string; name: string; email: string; color: string };
export type Context = { db: PrismaClient; user: SessionUser | null };

/** Resolves the session from the request's cookies. */
export async function createContext(options: {
  headers: Headers;
  db?: PrismaClient;
  auth?: Auth;
}): Promise<Context> {
  const db = options.db ?? getPrisma();
  const auth = options.auth ?? getAuth(db);
  const session = await auth.api.getSession({ headers: options.headers });
  const user = session?.user;
  return {
    db,
    user: user ? { id: user.id, name: user.name, email: user.email, color: String(user.color ?? "") } : null,
  };
}

const t = initTRPC.context<Context>().create({ transformer: superjson });

/** "title: must not be empty; file.cells[0].name: ..." instead of a JSON dump of issues. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message,
    )
    .join("; ");
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Input validation runs inside the middleware chain, so this outermost middleware sees its failures and gives them a
 * readable message, for HTTP clients and in-process callers alike.
 */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ZodError)
    result.error.message = describeZodError(result.error.cause);
  return result;
});
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type AuthedContext = Context & { user: SessionUser };
