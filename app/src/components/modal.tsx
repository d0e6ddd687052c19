"use client";
import { type ReactNode, useEffect, useId, useRef } from "react";

/** A modal on the native <dialog>: focus is trapped inside, Escape closes it, focus returns where it was. */
export function Modal(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  /** For content that needs room (tables), not for forms. */
  wide?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (props.open && !dialog.current?.open) dialog.current?.showModal();
    if (!props.open && dialog.current?.open) dialog.current.close();
  }, [props.open]);
  return (
    <dialog
      ref={dialog}
      className={`card dialog${props.wide ? " wide" : ""}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.open ? props.children : null}
    </dialog>
  );
}
