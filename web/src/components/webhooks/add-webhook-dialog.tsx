import { type FormEvent, useState } from "react";
import { errorMessage, isApiError } from "../../api/client";
import { createWebhookEndpoint, type WebhookSecret } from "../../api/webhook-endpoints";
import { WEBHOOK_EVENT_TYPES } from "../../domain";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";
import { WebhookEventChoices } from "./webhook-event-choices";

/** URL, description and the events to receive; on success the caller shows the secret once. */
export function AddWebhookDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: WebhookSecret) => void;
}) {
  const { org } = useOrg();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENT_TYPES]);
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setUrlError(null);
    if (events.length === 0) {
      setError("Choose at least one event.");
      return;
    }
    setBusy(true);
    try {
      // Every event checked is sent as "all events", so that endpoints also get events added later.
      const eventTypes = events.length === WEBHOOK_EVENT_TYPES.length ? [] : events;
      onCreated(
        await createWebhookEndpoint(org.id, { url: url.trim(), description: description.trim(), eventTypes }),
      );
    } catch (caught) {
      if (isApiError(caught, "WEBHOOK_URL_INVALID") || isApiError(caught, "WEBHOOK_URL_NOT_PUBLIC")) {
        setUrlError(errorMessage(caught));
      } else {
        setError(errorMessage(caught));
      }
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add webhook endpoint"
      description="Gatehouse POSTs each event as signed JSON to this URL, retrying with backoff when it fails."
      onClose={onClose}
      size="wide"
    >
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Endpoint URL"
          type="url"
          required
          maxLength={2048}
          placeholder="https://example.com/hooks/gatehouse"
          value={url}
          onChange={setUrl}
          error={urlError}
          hint="A public http:// or https:// address (https recommended)."
        />
        <TextField
          label="Description"
          optional
          maxLength={500}
          placeholder="CRM sync"
          value={description}
          onChange={setDescription}
        />
        <WebhookEventChoices value={events} onChange={setEvents} />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Add endpoint"
          busyLabel="Adding…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
