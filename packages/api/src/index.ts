export { hasRole, requireNotebookRole } from "./access";
export { type Auth, createAuth, getAuth, USER_COLORS } from "./auth";
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from "./root";
export { type Context, createContext, type SessionUser } from "./trpc";
