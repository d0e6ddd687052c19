"use client";
/**
 * Who has the notebook and how: the owner adds people by email with a role, changes or removes them, makes the
 * notebook readable by anyone signed in with its link, and copies that link. Everyone else sees the list and may
 * leave. Every change is a `members.*` procedure; the list is read again after each one.
 */
import type { RouterOutputs } from "@crux/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Modal } from "@/components/modal";
import { useTRPC } from "@/lib/trpc";
import styles from "./share-dialog.module.css";

type MemberList = RouterOutputs["members"]["list"];
type Member = MemberList["members"][number];
type SharedRole = Exclude<Member["role"], "OWNER">;

const SHARED_ROLES: { role: SharedRole; label: string }[] = [
  { role: "EDITOR", label: "Editor" },
  { role: "COMMENTER", label: "Commenter" },
  { role: "VIEWER", label: "Viewer" },
];
const ROLE_LABELS: Record<Member["role"], string> = {
  OWNER: "Owner",
  EDITOR: "Editor",
  COMMENTER: "Commenter",
  VIEWER: "Viewer",
};

type Props = { open: boolean; onClose: () => void; notebookId: string; userId: string };

export function ShareDialog(props: Props) {
  return (
    <Modal open={props.open} title="Share this notebook" onClose={props.onClose} wide>
      <ShareDialogBody {...props} />
    </Modal>
  );
}

/** Mounted only while the dialog is open: each opening reads the list afresh and starts without old messages. */
function ShareDialogBody(props: Props) {
  const trpc = useTRPC();
  // Members change from elsewhere (someone leaves, the owner's other tab): never show a list cached a while ago.
  const list = useQuery(
    trpc.members.list.queryOptions({ notebookId: props.notebookId }, { refetchOnMount: "always" }),
  );
  const actions = useMemberActions(props.notebookId);
  const isOwner = list.data?.yourRole === "OWNER";
  return (
    <>
      {isOwner ? <AddMemberForm onAdd={actions.add} /> : null}
      {list.data ? (
        <MemberSection list={list.data} userId={props.userId} isOwner={isOwner} actions={actions} />
      ) : (
        <p className={list.error ? "error" : "muted"} role={list.error ? "alert" : "status"}>
          {list.error ? list.error.message : "Loading who has access…"}
        </p>
      )}
      <p role="status" className="hint">
        {actions.outcome?.failed ? null : actions.outcome?.text}
      </p>
      {actions.outcome?.failed ? (
        <p role="alert" className="error">
          {actions.outcome.text}
        </p>
      ) : null}
      {list.data ? (
        <LinkSection
          list={list.data}
          notebookId={props.notebookId}
          isOwner={isOwner}
          onChange={actions.setVisibility}
        />
      ) : null}
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          Done
        </button>
      </div>
    </>
  );
}

type MemberActions = ReturnType<typeof useMemberActions>;

const ROLE_PHRASES: Record<Member["role"], string> = {
  OWNER: "the owner",
  EDITOR: "an editor",
  COMMENTER: "a commenter",
  VIEWER: "a viewer",
};

type Outcome = { failed: boolean; text: string } | null;

/**
 * The sharing mutations. A role or visibility change shows at once (the list is updated in the cache before the
 * server answers); after every change the list is read again, which also undoes a refused one. Each outcome is said
 * in words: what changed, or why it did not.
 */
function useMemberActions(notebookId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const listKey = trpc.members.list.queryKey({ notebookId });
  const updateList = (change: (list: MemberList) => MemberList) =>
    queryClient.setQueryData(listKey, (list) => list && change(list));
  const reporting = <Data,>(describe: (data: Data) => string) => ({
    onSuccess: (data: Data) => setOutcome({ failed: false, text: describe(data) }),
    onError: (caught: { message: string }) => setOutcome({ failed: true, text: caught.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });

  const add = useMutation(
    trpc.members.add.mutationOptions(
      reporting((member) => `${member.name} is now ${ROLE_PHRASES[member.role]}.`),
    ),
  );
  const setRole = useMutation(
    trpc.members.setRole.mutationOptions({
      ...reporting((member) => `${member.name} is now ${ROLE_PHRASES[member.role]}.`),
      onMutate: ({ userId, role }) =>
        updateList((list) => ({
          ...list,
          members: list.members.map((member) => (member.userId === userId ? { ...member, role } : member)),
        })),
    }),
  );
  const remove = useMutation(trpc.members.remove.mutationOptions(reporting(() => "Removed.")));
  const leave = useMutation(
    trpc.members.remove.mutationOptions({
      ...reporting(() => "You left the notebook."),
      // Back to a list that no longer holds the notebook just left.
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.notebook.list.queryKey() });
        router.push("/");
      },
    }),
  );
  const visibility = useMutation(
    trpc.members.setVisibility.mutationOptions({
      ...reporting(({ visibility }) =>
        visibility === "PUBLIC"
          ? "Anyone signed in with the link can now view it."
          : "Only the people listed can open it now.",
      ),
      onMutate: ({ visibility }) => updateList((list) => ({ ...list, visibility })),
    }),
  );
  return {
    outcome,
    /** Resolves true once added, so the form can clear itself. */
    add: (email: string, role: SharedRole) =>
      add.mutateAsync({ notebookId, email, role }).then(
        () => true,
        () => false,
      ),
    setRole: (userId: string, role: SharedRole) => setRole.mutate({ notebookId, userId, role }),
    remove: (userId: string) => remove.mutate({ notebookId, userId }),
    leave: (userId: string) => leave.mutate({ notebookId, userId }),
    setVisibility: (isPublic: boolean) =>
      visibility.mutate({ notebookId, visibility: isPublic ? "PUBLIC" : "PRIVATE" }),
  };
}

function AddMemberForm({ onAdd }: { onAdd: MemberActions["add"] }) {
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const added = await onAdd(String(data.get("email")), data.get("role") as SharedRole);
    setBusy(false);
    if (added) form.reset();
  }
  return (
    <section className={styles.section} aria-labelledby="share-add">
      <h3 id="share-add">Add people</h3>
      <form className={styles.addForm} onSubmit={submit}>
        <input
          name="email"
          type="email"
          required
          aria-label="Email of the person to add"
          placeholder="name@example.com"
          // biome-ignore lint/a11y/noAutofocus: opening the dialog is asking to add someone
          autoFocus
        />
        <select
          name="role"
          aria-label="Role of the person to add"
          className={styles.select}
          defaultValue="EDITOR"
        >
          {SHARED_ROLES.map(({ role, label }) => (
            <option key={role} value={role}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy}>
          Add
        </button>
      </form>
    </section>
  );
}

function MemberSection(props: {
  list: MemberList;
  userId: string;
  isOwner: boolean;
  actions: MemberActions;
}) {
  return (
    <section className={styles.section} aria-labelledby="share-members">
      <h3 id="share-members">People with access</h3>
      <ul className={styles.members} aria-labelledby="share-members">
        {props.list.members.map((member) => (
          <li key={member.userId} className={styles.member}>
            <span className={styles.who}>
              <span>
                {member.name}
                {member.userId === props.userId ? " (you)" : null}
              </span>
              {member.email ? <span className={styles.email}>{member.email}</span> : null}
            </span>
            <MemberControls member={member} {...props} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The owner manages everyone else; anyone else sees roles, and may leave. The owner's own row never changes. */
function MemberControls(props: { member: Member; userId: string; isOwner: boolean; actions: MemberActions }) {
  const { member, actions } = props;
  const isYou = member.userId === props.userId;
  if (member.role === "OWNER" || !props.isOwner)
    return (
      <>
        <span className="muted">{ROLE_LABELS[member.role]}</span>
        {isYou && member.role !== "OWNER" ? (
          <button type="button" className="danger" onClick={() => actions.leave(member.userId)}>
            Leave
          </button>
        ) : null}
      </>
    );
  return (
    <>
      <select
        aria-label={`Role of ${member.name}`}
        className={styles.select}
        value={member.role}
        onChange={(event) => actions.setRole(member.userId, event.target.value as SharedRole)}
      >
        {SHARED_ROLES.map(({ role, label }) => (
          <option key={role} value={role}>
            {label}
          </option>
        ))}
      </select>
      <button type="button" className="danger" onClick={() => actions.remove(member.userId)}>
        Remove<span className="visually-hidden"> {member.name}</span>
      </button>
    </>
  );
}

function LinkSection(props: {
  list: MemberList;
  notebookId: string;
  isOwner: boolean;
  onChange: (isPublic: boolean) => void;
}) {
  const isPublic = props.list.visibility === "PUBLIC";
  return (
    <section className={styles.section} aria-labelledby="share-link">
      <h3 id="share-link">Link</h3>
      <label className={styles.toggle}>
        <input
          type="checkbox"
          checked={isPublic}
          disabled={!props.isOwner}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        Anyone signed in with the link can view
      </label>
      <CopyLink notebookId={props.notebookId} />
    </section>
  );
}

/** The dialog's content only renders in the browser (a closed modal has none), so `window` is there. */
function CopyLink({ notebookId }: { notebookId: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const address = `${window.location.origin}/n/${encodeURIComponent(notebookId)}`;
  function copy() {
    navigator.clipboard.writeText(address).then(
      () => setCopied("Link copied."),
      // Clipboard access can be refused (permissions, an insecure origin); the address is there to copy by hand.
      () => setCopied("Could not copy: select the address and copy it."),
    );
  }
  return (
    <>
      <div className={styles.link}>
        <input
          readOnly
          value={address}
          aria-label="Link to this notebook"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={copy}>
          Copy link
        </button>
      </div>
      <p className="hint" role="status">
        {copied}
      </p>
    </>
  );
}
