import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { membersRouter } from "./members/router";
import { notebookRouter } from "./notebooks/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({ notebook: notebookRouter, members: membersRouter });

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Calls procedures in-process (server components, tests). */
export const createCaller = createCallerFactory(appRouter);
