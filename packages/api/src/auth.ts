/**
 * Accounts: better-auth with its Prisma adapter. Email and password sign-up/sign-in/sign-out, sessions in
 * PostgreSQL, httpOnly cookies, and the library's origin checks against CSRF. No crypto of our own.
 */
import { randomInt } from "node:crypto";
import type { PrismaClient } from "@crux/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { apiEnv } from "./env";

/** Presence colours: distinct from each other and readable on white; each user gets one at sign-up. */
export const USER_COLORS = [
  "#e11d48",
  "#2563eb",
  "#16a34a",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#4d7c0f",
] as const;

export function createAuth(prisma: PrismaClient) {
  const { BETTER_AUTH_SECRET, CRUX_PUBLIC_URL } = apiEnv();
  return betterAuth({
    appName: "Crux",
    baseURL: CRUX_PUBLIC_URL,
    secret: BETTER_AUTH_SECRET,
    // Requests with cookies must come from here: better-auth's CSRF defence checks Origin against this list.
    trustedOrigins: [CRUX_PUBLIC_URL],
    // better-auth skips that check when NODE_ENV is "test"; keep it on, so the tests exercise what production runs.
    advanced: { disableOriginCheck: false },
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    // input: false: a sign-up request that tries to choose its colour is refused; the hook below picks one.
    user: { additionalFields: { color: { type: "string", required: false, input: false } } },
    databaseHooks: {
      user: { create: { before: async (user) => ({ data: { ...user, color: pickColor() } }) } },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function pickColor(): string {
  return USER_COLORS[randomInt(USER_COLORS.length)] as string;
}

// One auth instance per Prisma client, kept on globalThis so that Next's hot reload does not rebuild it.
const globalForAuth = globalThis as typeof globalThis & { cruxAuth?: WeakMap<PrismaClient, Auth> };

/** The auth instance for this Prisma client (created on first use, then reused). */
export function getAuth(prisma: PrismaClient): Auth {
  globalForAuth.cruxAuth ??= new WeakMap();
  let auth = globalForAuth.cruxAuth.get(prisma);
  if (!auth) {
    auth = createAuth(prisma);
    globalForAuth.cruxAuth.set(prisma, auth);
  }
  return auth;
}
