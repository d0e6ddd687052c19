export { hasRole, requireNotebookRole } from "./access";
export { type Auth, createAuth, getAuth, USER_COLORS } from "./auth";
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from "./root";
export { type AuthedContext, type Context, createContext, type FieldError, type SessionUser } from "./trpc";
