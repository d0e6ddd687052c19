/**
 * Structural check of one Hocuspocus message before the server acts on it, so a malformed message is refused with
 * a precise reason instead of failing somewhere inside Yjs. Returns null when the message is well formed.
 */
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import * as Y from "yjs";

export type MessageSummary = { type: MessageType; documentUpdate?: Uint8Array };

export function checkMessage(
  data: Uint8Array,
): { ok: true; summary: MessageSummary } | { ok: false; reason: string } {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder) as MessageType;
    return checkBody(type, decoder);
  } catch (error) {
    return {
      ok: false,
      reason: `undecodable message: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function checkBody(
  type: MessageType,
  decoder: decoding.Decoder,
): { ok: true; summary: MessageSummary } | { ok: false; reason: string } {
  switch (type) {
    case MessageType.Sync:
    case MessageType.SyncReply:
      return checkSync(type, decoder);
    case MessageType.Awareness:
      checkAwareness(decoding.readVarUint8Array(decoder));
      return { ok: true, summary: { type } };
    case MessageType.Stateless:
      decoding.readVarString(decoder);
      return { ok: true, summary: { type } };
    case MessageType.Auth:
    case MessageType.QueryAwareness:
    case MessageType.CLOSE:
      return { ok: true, summary: { type } };
    default:
      return { ok: false, reason: `message type ${type} may not be sent by a client` };
  }
}

function checkSync(
  type: MessageType,
  decoder: decoding.Decoder,
): { ok: true; summary: MessageSummary } | { ok: false; reason: string } {
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === messageYjsSyncStep1) {
    Y.decodeStateVector(payload);
    return { ok: true, summary: { type } };
  }
  if (step === messageYjsSyncStep2 || step === messageYjsUpdate) {
    Y.decodeUpdate(payload);
    return { ok: true, summary: { type, documentUpdate: payload } };
  }
  return { ok: false, reason: `unknown sync step ${step}` };
}

/** An awareness update: a count, then per client its id, clock and state as JSON. */
function checkAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  for (let i = 0; i < clients; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
}
