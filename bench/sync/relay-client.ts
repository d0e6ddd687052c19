/** A client of the bare relay (relay.ts): the Yjs sync protocol over a WebSocket, nothing else. */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { readSyncMessage, writeSyncStep1, writeUpdate } from "y-protocols/sync";
import type * as Y from "yjs";

export type RelayClient = { close(): void };

/** Connects `doc` to a room of the relay; resolves once the relay's state has been received. */
export function connectToRelay(url: string, doc: Y.Doc): Promise<RelayClient> {
  const socket = new WebSocket(url);
  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    write(encoder);
    if (socket.readyState === WebSocket.OPEN) socket.send(encoding.toUint8Array(encoder));
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== socket) send((encoder) => writeUpdate(encoder, update));
  };
  doc.on("update", onUpdate);
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.on("open", () => send((encoder) => writeSyncStep1(encoder, doc)));
    socket.on("message", (data: Buffer) => {
      const encoder = encoding.createEncoder();
      const type = readSyncMessage(decoding.createDecoder(new Uint8Array(data)), encoder, doc, socket);
      if (encoding.length(encoder) > 0) socket.send(encoding.toUint8Array(encoder));
      if (type === 1) resolve({ close: () => close() });
    });
  });

  function close(): void {
    doc.off("update", onUpdate);
    socket.close();
  }
}
