"use client";
import { Modal } from "@/components/modal";
import { SHORTCUT_HELP } from "./shortcuts";

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose} wide>
      <table className="shortcuts">
        <tbody>
          {SHORTCUT_HELP.map(({ keys, what }) => (
            <tr key={what}>
              <th scope="row" className="shortcut-keys">
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? " or " : null}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td className="shortcut-what">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
