import { useId } from "react";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../domain";

const DESCRIPTIONS: Record<WebhookEventType, string> = {
  "invitation.created": "Someone was invited (console, API or import).",
  "invitation.accepted": "An invitation was accepted.",
  "invitation.revoked": "An invitation was revoked.",
  "invitation.expired": "An invitation expired unanswered.",
  "membership.created": "A person joined the organization.",
  "membership.updated": "A member's role or details changed.",
  "membership.deleted": "A member was removed.",
};

/** One checkbox per event type, in a fieldset; "All" and "None" for quick changes. */
export function WebhookEventChoices({
  value,
  onChange,
}: {
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const hintId = useId();
  const toggle = (type: string, checked: boolean) =>
    onChange(WEBHOOK_EVENT_TYPES.filter((t) => (t === type ? checked : value.includes(t))));
  return (
    <fieldset className="fieldset" aria-describedby={hintId}>
      <legend>Events</legend>
      <p className="hint" id={hintId}>
        With every event checked, the endpoint also receives event types added in later versions.
      </p>
      <div className="button-row webhook-event-shortcuts">
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...WEBHOOK_EVENT_TYPES])}
        >
          Check all
        </button>
        <button type="button" className="button button-small" onClick={() => onChange([])}>
          Uncheck all
        </button>
      </div>
      <div className="choices webhook-events">
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="choice">
            <input
              type="checkbox"
              checked={value.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
            />
            <span>
              <span className="choice-label mono">{type}</span>
              <span className="choice-hint">{DESCRIPTIONS[type]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
