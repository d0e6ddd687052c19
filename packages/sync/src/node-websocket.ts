/**
 * The WebSocket to give `connectNotebook` in Node (tests, benchmark, scripts); browsers use their own.
 * `ws` emits an error event when a socket still connecting is closed — which `destroy()` does while the provider is
 * reconnecting — and the provider has detached its handlers by then, so the event would become an uncaught
 * exception. The browser's WebSocket does not do that; this one ignores the event, as the browser would.
 */
import WebSocket from "ws";

export class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => {});
  }
}
