/**
 * @crux/sync-token: the short-lived ticket the API hands a browser so that it may open one notebook on the sync
 * server. HS256 JWT (jose) signed with a secret the API and the sync server share; the claims are validated with
 * zod on both sides, and every refusal is a SyncTokenError whose `reason` says why.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

export const SYNC_TOKEN_ROLES = ["OWNER", "EDITOR", "COMMENTER", "VIEWER"] as const;
export type SyncTokenRole = (typeof SYNC_TOKEN_ROLES)[number];

const ISSUER = "crux-api";
const AUDIENCE = "crux-sync";
const ALGORITHM = "HS256";
const DEFAULT_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 24 * 60 * 60;
/** HS256 needs at least 256 bits of key; a shorter secret is a configuration mistake, not a token problem. */
const MIN_SECRET_LENGTH = 32;

export const syncTokenClaimsSchema = z.object({
  userId: z.string().min(1),
  notebookId: z.string().min(1),
  role: z.enum(SYNC_TOKEN_ROLES),
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/, "color must be a CSS hex colour"),
});
export type SyncTokenClaims = z.infer<typeof syncTokenClaimsSchema>;

/** What travels inside the JWT: the claims under short keys, plus the registered ones jose checks. */
const payloadSchema = z.object({
  sub: z.string(),
  nb: z.string(),
  role: z.string(),
  name: z.string(),
  color: z.string(),
  exp: z.number(),
});

export type SyncTokenFailure = "expired" | "invalid-signature" | "malformed" | "invalid-claims";

export class SyncTokenError extends Error {
  constructor(
    readonly reason: SyncTokenFailure,
    message: string,
  ) {
    super(message);
    this.name = "SyncTokenError";
  }
}

export type SignOptions = { secret: string; ttlSeconds?: number };

export async function signSyncToken(claims: SyncTokenClaims, options: SignOptions): Promise<string> {
  const valid = syncTokenClaimsSchema.parse(claims);
  const ttl = z
    .number()
    .int()
    .min(1)
    .max(MAX_TTL_SECONDS)
    .parse(options.ttlSeconds ?? DEFAULT_TTL_SECONDS);
  return new SignJWT({ nb: valid.notebookId, role: valid.role, name: valid.name, color: valid.color })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(valid.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(secretKey(options.secret));
}

/** The token's claims and expiry, or a SyncTokenError (expired, forged or tampered, not a token, wrong claims). */
export async function verifySyncToken(
  token: string,
  secret: string,
): Promise<SyncTokenClaims & { expiresAt: Date }> {
  const payload = payloadSchema.safeParse(await verifySignature(token, secret));
  if (!payload.success) throw invalidClaims(payload.error);
  const claims = syncTokenClaimsSchema.safeParse({
    userId: payload.data.sub,
    notebookId: payload.data.nb,
    role: payload.data.role,
    name: payload.data.name,
    color: payload.data.color,
  });
  if (!claims.success) throw invalidClaims(claims.error);
  return { ...claims.data, expiresAt: new Date(payload.data.exp * 1000) };
}

function invalidClaims(error: z.ZodError): SyncTokenError {
  const issue = error.issues[0];
  return new SyncTokenError(
    "invalid-claims",
    `token claims are invalid: ${issue?.path.join(".")}: ${issue?.message}`,
  );
}

async function verifySignature(token: string, secret: string): Promise<unknown> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return payload;
  } catch (error) {
    throw toSyncTokenError(error);
  }
}

function toSyncTokenError(error: unknown): SyncTokenError {
  if (error instanceof errors.JWTExpired) return new SyncTokenError("expired", "token has expired");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new SyncTokenError("invalid-signature", "token signature does not verify");
  if (error instanceof errors.JWTClaimValidationFailed)
    return new SyncTokenError("invalid-claims", `token claim "${error.claim}" is invalid: ${error.reason}`);
  const detail = error instanceof Error ? error.message : String(error);
  return new SyncTokenError("malformed", `not a sync token: ${detail}`);
}

function secretKey(secret: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`the sync token secret must be at least ${MIN_SECRET_LENGTH} characters`);
  return new TextEncoder().encode(secret);
}
