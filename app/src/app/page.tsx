import { redirect } from "next/navigation";
import { HydrateClient } from "@/components/hydrate-client";
import { NotebookList } from "@/components/notebook-list";
import { currentUser, getQueryClient, serverTrpc } from "@/lib/server";

export default async function HomePage() {
  if (!(await currentUser())) redirect("/sign-in");
  // Rendered with the list already in it: no loading flash on arrival.
  await getQueryClient().prefetchQuery(serverTrpc.notebook.list.queryOptions());
  return (
    <HydrateClient>
      <NotebookList />
    </HydrateClient>
  );
}
