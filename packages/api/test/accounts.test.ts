import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createContext, USER_COLORS } from "../src";
import { anonymous, auth, cookieHeader, PASSWORD, prisma, rejection, signUp } from "./fixtures";

const trustedOrigin = new URL(String(auth.options.baseURL)).origin;

function postToAuth(path: string, origin: string, body: unknown): Promise<Response> {
  return auth.handler(
    new Request(`${trustedOrigin}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify(body),
    }),
  );
}

describe("accounts", () => {
  it("signs up with a display name and a palette colour, and resolves the session from the cookie", async () => {
    const { context } = await signUp("Grace");
    expect(context.user?.name).toBe("Grace");
    expect(USER_COLORS).toContain(context.user?.color);
  });

  it("stores the session in PostgreSQL and only a hash of the password", async () => {
    const { user } = await signUp("Hash");
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain(PASSWORD);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a sign-up that tries to choose its own colour", async () => {
    const email = `colour-${randomUUID()}@example.test`;
    const response = await postToAuth("/sign-up/email", trustedOrigin, {
      email,
      password: PASSWORD,
      name: "Chooser",
      color: "#000000",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: "color is not allowed to be set" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a wrong password", async () => {
    const { user } = await signUp("Wrong");
    await expect(
      auth.api.signInEmail({ body: { email: user.email, password: "not the password" } }),
    ).rejects.toThrow(/invalid email or password/i);
  });

  it("signs out: the cookie no longer resolves to a user and the session row is gone", async () => {
    const { user, sessionHeaders } = await signUp("Leaving");
    await auth.api.signOut({ headers: sessionHeaders });
    expect((await createContext({ headers: sessionHeaders, prisma })).user).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("signs in from the app's origin with an httpOnly session cookie, and refuses another origin (CSRF)", async () => {
    const { user } = await signUp("Origin");
    const credentials = { email: user.email, password: PASSWORD };
    const forged = await postToAuth("/sign-in/email", "https://evil.example", credentials);
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    const genuine = await postToAuth("/sign-in/email", trustedOrigin, credentials);
    expect(genuine.status).toBe(200);
    const sessionCookie = genuine.headers.getSetCookie().find((cookie) => cookie.includes("session_token"));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    const context = await createContext({
      headers: new Headers({ cookie: cookieHeader(genuine.headers) }),
      prisma,
    });
    expect(context.user?.id).toBe(user.id);
  });

  it("refuses notebook procedures without a session, saying why", async () => {
    const error = await rejection(anonymous().notebook.list());
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/not signed in/);
  });
});
