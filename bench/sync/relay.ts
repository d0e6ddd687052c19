/**
 * The baseline: a bare Yjs relay over WebSocket, with no authentication and no persistence. One room per URL path;
 * it keeps each room's document in memory to answer a joining client's sync request, applies every update it
 * receives and forwards it to the room's other clients. Run as its own process (`relay.ts PORT`), like the sync
 * server, so that its CPU and memory are its own. Prints "listening PORT" when ready.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket, { WebSocketServer } from "ws";
import { readSyncMessage, writeSyncStep1 } from "y-protocols/sync";
import * as Y from "yjs";

type Room = { doc: Y.Doc; sockets: Set<WebSocket> };

const rooms = new Map<string, Room>();

function roomFor(name: string): Room {
  let room = rooms.get(name);
  if (!room) {
    const doc = new Y.Doc();
    room = { doc, sockets: new Set() };
    const sockets = room.sockets;
    // Forward every change to everyone in the room but the socket it came from (the transaction origin).
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = syncUpdateMessage(update);
      for (const socket of sockets)
        if (socket !== origin && socket.readyState === WebSocket.OPEN) socket.send(message);
    });
    rooms.set(name, room);
  }
  return room;
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2); // y-protocols: update
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

const port = Number(process.argv[2] ?? 0);
const server = new WebSocketServer({ port, host: "127.0.0.1" }, () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});

server.on("connection", (socket, request) => {
  const room = roomFor(request.url ?? "/");
  room.sockets.add(socket);
  socket.on("message", (data: Buffer) => {
    const encoder = encoding.createEncoder();
    readSyncMessage(decoding.createDecoder(new Uint8Array(data)), encoder, room.doc, socket);
    if (encoding.length(encoder) > 0) socket.send(encoding.toUint8Array(encoder));
  });
  socket.on("close", () => room.sockets.delete(socket));
  // Ask the newcomer for what the room lacks (it answers with sync step 2), as y-websocket's server does.
  const encoder = encoding.createEncoder();
  writeSyncStep1(encoder, room.doc);
  socket.send(encoding.toUint8Array(encoder));
});

process.on("SIGTERM", () => server.close(() => process.exit(0)));
