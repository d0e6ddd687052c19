/** tRPC in one place: the context (database and signed-in user), the procedures, and readable error messages. */
import { getPrisma, type PrismaClient } from "@crux/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { getAuth } from "./auth";

export type SessionUser = { id: string; name: string; email: string; color: string };
export type Context = { prisma: PrismaClient; user: SessionUser | null };
export type AuthedContext = Context & { user: SessionUser };

/** Resolves the signed-in user from the request's session cookie (better-auth reads it from the headers). */
export async function createContext(options: { headers: Headers; prisma?: PrismaClient }): Promise<Context> {
  const prisma = options.prisma ?? getPrisma();
  const session = await getAuth(prisma).api.getSession({ headers: options.headers });
  if (!session) return { prisma, user: null };
  const { id, name, email, color } = session.user;
  // The column has a default, so color is never null in the database; better-auth types it as optional.
  return { prisma, user: { id, name, email, color: color ?? "" } };
}

export type FieldError = { field: string; message: string };

/**
 * Each zod issue with its path written the way a user reads it: `file.cells[2].name`. `under` names where the
 * validated value sits when it was checked on its own (a title taken from an imported file).
 */
export function fieldErrors(error: ZodError, under: PropertyKey[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    field: [...under, ...issue.path].reduce<string>(
      (text, key) =>
        typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
      "",
    ),
    message: issue.message,
  }));
}

/** "title: the title must not be empty; id: ..." instead of a JSON dump of issues. */
export function describeZodError(error: ZodError, under: PropertyKey[] = []): string {
  return fieldErrors(error, under)
    .map(({ field, message }) => (field ? `${field}: ${message}` : message))
    .join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // HTTP clients get the wrong fields as data too, so a form can mark each one.
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, fieldErrors: error.cause instanceof ZodError ? fieldErrors(error.cause) : null },
  }),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Input validation runs inside the middleware chain, so this outermost middleware sees its failures and replaces
 * tRPC's JSON dump of issues with a readable message, for HTTP clients and in-process callers alike.
 */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ZodError)
    result.error.message = describeZodError(result.error.cause);
  return result;
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "you are not signed in: sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
