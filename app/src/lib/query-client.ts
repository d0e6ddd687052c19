import { QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One shape of query cache for the server (prefetching) and the browser (hydrating): data crosses from one to the
 * other through superjson, so dates stay dates.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Prefetched data is fresh when it arrives; without a stale time the browser would fetch it again at once.
      queries: { staleTime: 30_000 },
      dehydrate: { serializeData: superjson.serialize },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
