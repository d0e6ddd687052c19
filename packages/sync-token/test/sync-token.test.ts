import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type SyncTokenClaims, SyncTokenError, signSyncToken, verifySyncToken } from "../src";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const claims: SyncTokenClaims = {
  userId: "user-1",
  notebookId: "nb-1",
  role: "EDITOR",
  name: "Ada",
  color: "#3b82f6",
};

async function refusal(promise: Promise<unknown>): Promise<SyncTokenError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SyncTokenError);
  return error as SyncTokenError;
}

describe("sync tokens", () => {
  it("round-trips the claims and reports the expiry", async () => {
    const before = Date.now();
    const token = await signSyncToken(claims, { secret, ttlSeconds: 120 });
    const verified = await verifySyncToken(token, secret);
    expect(verified).toMatchObject(claims);
    expect(verified.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 119_000);
    expect(verified.expiresAt.getTime()).toBeLessThanOrEqual(before + 121_000);
  });

  it("refuses an expired token", async () => {
    const expired = await new SignJWT({ nb: "nb-1", role: "EDITOR", name: "Ada", color: "#3b82f6" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setIssuer("crux-api")
      .setAudience("crux-sync")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expect((await refusal(verifySyncToken(expired, secret))).reason).toBe("expired");
  });

  it("refuses a token signed with another secret", async () => {
    const forged = await signSyncToken(claims, { secret: `${secret}-attacker` });
    expect((await refusal(verifySyncToken(forged, secret))).reason).toBe("invalid-signature");
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await signSyncToken(claims, { secret })).split(".");
    const payload = Buffer.from(
      JSON.stringify({ sub: "user-1", nb: "nb-1", role: "OWNER", name: "Ada", color: "#3b82f6", exp: 9e9 }),
    ).toString("base64url");
    const tampered = `${header}.${payload}.${signature}`;
    expect((await refusal(verifySyncToken(tampered, secret))).reason).toBe("invalid-signature");
  });

  it("refuses garbage and tokens meant for another audience or with unknown roles", async () => {
    expect((await refusal(verifySyncToken("not-a-token", secret))).reason).toBe("malformed");
    const otherAudience = await new SignJWT({ nb: "nb-1", role: "EDITOR", name: "Ada", color: "#3b82f6" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setIssuer("crux-api")
      .setAudience("somewhere-else")
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(secret));
    expect((await refusal(verifySyncToken(otherAudience, secret))).reason).toBe("invalid-claims");
    const unknownRole = await new SignJWT({ nb: "nb-1", role: "ADMIN", name: "Ada", color: "#3b82f6" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setIssuer("crux-api")
      .setAudience("crux-sync")
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(secret));
    const error = await refusal(verifySyncToken(unknownRole, secret));
    expect(error.reason).toBe("invalid-claims");
    expect(error.message).toContain("role");
  });

  it("will not sign invalid claims or with a short secret", async () => {
    await expect(signSyncToken({ ...claims, color: "blue" }, { secret })).rejects.toThrow(/colour/);
    await expect(signSyncToken(claims, { secret: "short" })).rejects.toThrow(/at least 32/);
    await expect(signSyncToken(claims, { secret, ttlSeconds: 0 })).rejects.toThrow();
  });
});
