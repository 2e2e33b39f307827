import { type FormEvent, useId, useState } from "react";
import { extendProject } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { Project } from "../../api/types";
import { formatLongDate } from "../../lib/format";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";
import { isoOfDate } from "./project-dialog";

type Props = { project: Project; onClose: () => void; onExtended: (project: Project) => void };

/** Push a project's end out by a duration (from its end, or from now once over) or to a later date. */
export function ExtendProjectDialog({ project, onClose, onExtended }: Props) {
  const { org } = useOrg();
  const modeName = useId();
  const [mode, setMode] = useState<"duration" | "date">("duration");
  const [duration, setDuration] = useState("1 month");
  const [endDate, setEndDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isOver = project.status === "ended" || project.status === "expired";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = mode === "duration" ? { duration: duration.trim() } : { endsAt: isoOfDate(endDate) };
      onExtended(await extendProject(org.id, project.id, input));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Extend ${project.name}`}
      description={
        isOver
          ? `Access ${project.status === "ended" ? "was ended" : "expired"} on ${formatLongDate(project.endedAt ?? project.endsAt)}. Extending brings it back, counted from now.`
          : `Access ends on ${formatLongDate(project.endsAt)}. A duration is added to that end.`
      }
      onClose={onClose}
    >
      <form className="form dialog-body" onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Extend</legend>
          <div className="choices choices-row choices-two">
            <label className="choice">
              <input
                type="radio"
                name={modeName}
                checked={mode === "duration"}
                onChange={() => setMode("duration")}
              />
              <span className="choice-label">By a duration</span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name={modeName}
                checked={mode === "date"}
                onChange={() => setMode("date")}
              />
              <span className="choice-label">To a date</span>
            </label>
          </div>
        </fieldset>
        {mode === "duration" ? (
          <TextField
            label="Duration"
            required
            value={duration}
            onChange={setDuration}
            hint='e.g. "1 month", "2 weeks"'
          />
        ) : (
          <TextField label="New end date" type="date" required value={endDate} onChange={setEndDate} />
        )}
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Extend"
          busyLabel="Extending…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
