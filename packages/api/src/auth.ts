/**
 * Accounts: better-auth with its Prisma adapter. Email and password sign-up/sign-in/sign-out, sessions in
 * PostgreSQL, httpOnly cookies, and the library's origin checks against CSRF. No crypto of our own.
 */
import type { PrismaClient } from "@crux/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { apiEnv } from "./env";

/** Presence colours: distinct, readable on white, given to each user at sign-up. */
export const USER_COLORS = [
  "#e11d48",
  "#2563eb",
  "#16a34a",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#4d7c0f",
];

export function createAuth(db: PrismaClient, options: { baseURL?: string; secret?: string } = {}) {
  const env = apiEnv();
  const baseURL = options.baseURL ?? env.CRUX_PUBLIC_URL;
  return betterAuth({
    appName: "Crux",
    baseURL,
    secret: options.secret ?? env.BETTER_AUTH_SECRET,
    trustedOrigins: [baseURL],
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    user: { additionalFields: { color: { type: "string", required: false, input: false } } },
    databaseHooks: {
      user: { create: { before: async (user) => ({ data: { ...user, color: pickColor() } }) } },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function pickColor(): string {
  const index = globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return USER_COLORS[index % USER_COLORS.length] as string;
}

const globalForAuth = globalThis as typeof globalThis & { cruxAuth?: Auth };

/** The process' one auth instance (cached on globalThis for Next's hot reload). */
export function getAuth(db: PrismaClient): Auth {
  globalForAuth.cruxAuth ??= createAuth(db);
  return globalForAuth.cruxAuth;
}
