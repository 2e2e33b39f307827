import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { createModel, deleteModel, listModels, updateModel } from "../api/resource-endpoints";
import type { Model } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { StatusBadge } from "../components/status-badge";
import { TextField } from "../components/text-field";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

/** Settings → Models: the org's AI model catalog; permission sets' ai_models name these keys. */
export function ModelsPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const models = usePagedList(`models:${org.id}`, (cursor) => listModels(org.id, cursor));
  const [deleting, setDeleting] = useState<Model | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  const toggle = async (model: Model) => {
    setRowError(null);
    try {
      await updateModel(org.id, model.id, { enabled: !model.enabled });
      announce(`${model.name} turned ${model.enabled ? "off" : "on"}.`);
      models.reload();
    } catch (caught) {
      setRowError({ id: model.id, message: errorMessage(caught) });
    }
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="Models"
        help="The AI models of the organization. Everyone may use every enabled model unless a permission set lists theirs."
      />
      <div className="stack">
        {isAdmin && <AddModelForm onAdded={models.reload} />}
        <section className="card" aria-labelledby="models-title">
          <h2 id="models-title">Catalog</h2>
          <ErrorText message={models.error ? errorMessage(models.error) : null} />
          {!models.isLoading && models.items.length === 0 && <p className="empty">No models yet.</p>}
          {models.items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Key</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Status</th>
                    {isAdmin && <ActionsHeader />}
                  </tr>
                </thead>
                <tbody>
                  {models.items.map((model) => (
                    <tr key={model.id}>
                      <td className="cell-title">{model.name}</td>
                      <td>
                        <code>{model.key}</code>
                      </td>
                      <td>{model.provider ?? <span className="muted">Not given</span>}</td>
                      <td>
                        <StatusBadge status={model.enabled ? "enabled" : "disabled"} />
                        {rowError?.id === model.id && <ErrorText message={rowError.message} />}
                      </td>
                      {isAdmin && (
                        <td className="actions actions-wide">
                          <div className="button-group">
                            <RowAction
                              label={model.enabled ? "Turn off" : "Turn on"}
                              target={model.name}
                              tone="quiet"
                              onClick={() => toggle(model)}
                            />
                            <RowAction
                              label="Remove"
                              target={model.name}
                              tone="danger"
                              onClick={() => setDeleting(model)}
                            />
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore list={models} />
        </section>
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Remove ${deleting.name}?`}
          confirmLabel="Remove model"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteModel(org.id, deleting.id);
            announce(`${deleting.name} removed.`);
            models.reload();
          }}
        >
          <p>Nobody may use it any more. Permission sets that list its key keep the key.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}

function AddModelForm({ onAdded }: { onAdded: () => void }) {
  const { org } = useOrg();
  const announce = useAnnounce();
  const [form, setForm] = useState({ key: "", name: "", provider: "" });
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const model = await createModel(org.id, {
        key: form.key.trim(),
        name: form.name.trim(),
        provider: form.provider.trim() || null,
      });
      announce(`${model.name} added.`);
      setForm({ key: "", name: "", provider: "" });
      onAdded();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-model-title">
      <h2 id="add-model-title">Add a model</h2>
      <form className="add-row" onSubmit={submit}>
        <TextField
          label="Key"
          required
          maxLength={64}
          value={form.key}
          onChange={set("key")}
          placeholder="gpt-4"
        />
        <TextField
          label="Name"
          required
          maxLength={100}
          value={form.name}
          onChange={set("name")}
          placeholder="GPT-4"
        />
        <TextField
          label="Provider"
          optional
          maxLength={100}
          value={form.provider}
          onChange={set("provider")}
          placeholder="openai"
        />
        <button type="submit" className="button button-primary" disabled={isBusy}>
          Add model
        </button>
      </form>
      <ErrorText message={error} />
    </section>
  );
}
