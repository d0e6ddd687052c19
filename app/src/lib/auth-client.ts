import { createAuthClient } from "better-auth/react";

/** The browser's better-auth client; it talks to /api/auth on the same origin. */
export const authClient = createAuthClient();
