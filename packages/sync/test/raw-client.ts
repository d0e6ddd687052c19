/**
 * A hand-driven WebSocket client speaking the Hocuspocus protocol byte by byte, to send what no well-behaved
 * provider would: updates from read-only users, malformed and oversized messages.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { onCleanUp, waitFor } from "./harness";

const MESSAGE = { sync: 0, awareness: 1, auth: 2, syncStatus: 8 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

export type ServerMessage =
  | { kind: "authenticated"; scope: string }
  | { kind: "permission-denied"; reason: string }
  | { kind: "sync-status"; applied: boolean }
  | { kind: "other"; type: number };

export type RawClient = {
  messages: ServerMessage[];
  closed: { code: number; reason: string } | null;
  send(bytes: Uint8Array): void;
  authenticate(token: string): Promise<ServerMessage>;
  sendUpdate(update: Uint8Array, step: "update" | "step2"): void;
  waitForMessage(predicate: (message: ServerMessage) => boolean, description: string): Promise<ServerMessage>;
  close(): void;
};

export function message(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export async function openRawClient(url: string, documentName: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  onCleanUp(() => socket.terminate());
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const client: RawClient = {
    messages: [],
    closed: null,
    send: (bytes) => socket.send(bytes),
    async authenticate(token) {
      client.send(
        message(documentName, (encoder) => {
          encoding.writeVarUint(encoder, MESSAGE.auth);
          encoding.writeVarUint(encoder, AUTH.token);
          encoding.writeVarString(encoder, token);
        }),
      );
      return client.waitForMessage(
        (reply) => reply.kind === "authenticated" || reply.kind === "permission-denied",
        "an authentication answer",
      );
    },
    sendUpdate(update, step) {
      client.send(
        message(documentName, (encoder) => {
          encoding.writeVarUint(encoder, MESSAGE.sync);
          encoding.writeVarUint(encoder, SYNC[step]);
          encoding.writeVarUint8Array(encoder, update);
        }),
      );
    },
    async waitForMessage(predicate, description) {
      let found: ServerMessage | undefined;
      await waitFor(() => {
        found = client.messages.find(predicate);
        return found !== undefined || client.closed !== null;
      }, description);
      if (!found)
        throw new Error(`connection closed (${JSON.stringify(client.closed)}) before ${description}`);
      client.messages.splice(client.messages.indexOf(found), 1);
      return found;
    },
    close: () => socket.close(),
  };
  socket.on("message", (data: Buffer) => client.messages.push(parseServerMessage(new Uint8Array(data))));
  socket.on("close", (code, reason) => {
    client.closed = { code, reason: reason.toString() };
  });
  return client;
}

function parseServerMessage(data: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE.syncStatus)
    return { kind: "sync-status", applied: decoding.readVarUint(decoder) === 1 };
  if (type === MESSAGE.auth) {
    const authType = decoding.readVarUint(decoder);
    if (authType === AUTH.authenticated)
      return { kind: "authenticated", scope: decoding.readVarString(decoder) };
    if (authType === AUTH.permissionDenied)
      return { kind: "permission-denied", reason: decoding.readVarString(decoder) };
  }
  return { kind: "other", type };
}
