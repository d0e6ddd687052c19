/**
 * A fresh React root in a container attached to the document for each test of a component (jsdom), unmounted after it:
 * `const mounted = mountReactRootPerTest();` then `act(() => mounted.root.render(...))` and `mounted.container`.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach } from "vitest";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

export type MountedRoot = { readonly container: HTMLDivElement; readonly root: Root };

export function mountReactRootPerTest(): MountedRoot {
  // Tells React that updates are wrapped in act(), so it flushes them there and warns about any that are not.
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  let current: { container: HTMLDivElement; root: Root } | undefined;
  beforeEach(() => {
    const container = document.createElement("div");
    document.body.append(container);
    current = { container, root: createRoot(container) };
  });
  afterEach(() => {
    const mounted = current;
    if (!mounted) return;
    act(() => mounted.root.unmount());
    mounted.container.remove();
    current = undefined;
  });
  const get = () => {
    if (!current) throw new Error("mountReactRootPerTest: used outside a test");
    return current;
  };
  return {
    get container() {
      return get().container;
    },
    get root() {
      return get().root;
    },
  };
}
