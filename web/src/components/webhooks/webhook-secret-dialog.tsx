import { CopyLink } from "../copy-link";
import { Dialog } from "../dialog";

type Props = {
  /** "created" right after adding the endpoint, "rotated" after a new secret replaced the old one. */
  reason: "created" | "rotated";
  url: string;
  secret: string;
  onClose: () => void;
};

/** The endpoint's signing secret, shown this once: the API never returns it again. */
export function WebhookSecretDialog({ reason, url, secret, onClose }: Props) {
  return (
    <Dialog
      title={reason === "created" ? "Endpoint added: copy its signing secret" : "New signing secret"}
      onClose={onClose}
      size="wide"
    >
      <div className="dialog-body">
        <p className="panel-warning" role="alert">
          <strong>You will not see this secret again.</strong> Copy it into the receiver at{" "}
          <code className="break-all">{url}</code> now. If you lose it, rotate the secret to get a new one.
          {reason === "rotated" && " The old secret no longer signs anything."}
        </p>
        <CopyLink url={secret} label="Signing secret" autoFocus />
        <p className="hint">
          Every request carries <code>webhook-id</code>, <code>webhook-timestamp</code> and{" "}
          <code>webhook-signature</code> headers (Standard Webhooks): verify them with this secret, e.g.{" "}
          <code>new Webhook(secret).verify(body, headers)</code> from the <code>standardwebhooks</code>{" "}
          package.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            I have copied it
          </button>
        </div>
      </div>
    </Dialog>
  );
}
