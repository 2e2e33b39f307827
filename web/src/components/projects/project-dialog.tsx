import { type FormEvent, useId, useState } from "react";
import { createProject, updateProject } from "../../api/access-endpoints";
import { errorMessage } from "../../api/client";
import type { Project } from "../../api/types";
import { useOrg } from "../../session/org-context";
import { Dialog, DialogFormActions } from "../dialog";
import { TextField } from "../text-field";
import { membersOf, ProjectTargetFields, resourcesOf, targetsOf } from "./project-targets";

/** A date field's value (local midnight) as ISO 8601. */
export function isoOfDate(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

type Props = { project: Project | null; onClose: () => void; onSaved: (project: Project) => void };

/** Create a project (name, how long, members, resources), or change an existing one's name, members and resources. */
export function ProjectDialog({ project, onClose, onSaved }: Props) {
  const { org } = useOrg();
  const endName = useId();
  const [name, setName] = useState(project?.name ?? "");
  const [description, setDescription] = useState(project?.description ?? "");
  const [endMode, setEndMode] = useState<"duration" | "date">("duration");
  const [duration, setDuration] = useState("6 months");
  const [endDate, setEndDate] = useState("");
  const [startDate, setStartDate] = useState("");
  const [targets, setTargets] = useState(targetsOf(project));
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const common = {
      name: name.trim(),
      description: description.trim() || null,
      members: membersOf(targets),
      resources: resourcesOf(targets),
    };
    try {
      const saved = project
        ? await updateProject(org.id, project.id, common)
        : await createProject(org.id, {
            ...common,
            ...(endMode === "duration" ? { duration: duration.trim() } : { endsAt: isoOfDate(endDate) }),
            ...(startDate && { startsAt: isoOfDate(startDate) }),
          });
      onSaved(saved);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={project ? `Edit ${project.name}` : "New project"}
      description={
        project
          ? undefined
          : "Project access ends by itself when the time is up; you can extend it or end it early."
      }
      onClose={onClose}
      size="wide"
    >
      <form className="form dialog-body" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="Project Alpha"
        />
        <TextField
          label="Description"
          optional
          maxLength={500}
          value={description}
          onChange={setDescription}
        />
        {!project && (
          <fieldset className="fieldset">
            <legend>Access ends</legend>
            <div className="choices choices-row choices-two">
              <label className="choice">
                <input
                  type="radio"
                  name={endName}
                  checked={endMode === "duration"}
                  onChange={() => setEndMode("duration")}
                />
                <span className="choice-label">After a duration</span>
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name={endName}
                  checked={endMode === "date"}
                  onChange={() => setEndMode("date")}
                />
                <span className="choice-label">On a date</span>
              </label>
            </div>
            <div className="field-row field-row-even end-fields">
              {endMode === "duration" ? (
                <TextField
                  label="Duration"
                  required
                  value={duration}
                  onChange={setDuration}
                  hint='e.g. "6 months", "2 weeks", "90 days"'
                />
              ) : (
                <TextField label="End date" type="date" required value={endDate} onChange={setEndDate} />
              )}
              <TextField
                label="Starts"
                type="date"
                optional
                value={startDate}
                onChange={setStartDate}
                hint="Empty: now."
              />
            </div>
          </fieldset>
        )}
        <ProjectTargetFields value={targets} onChange={setTargets} />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel={project ? "Save" : "Create project"}
          busyLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
