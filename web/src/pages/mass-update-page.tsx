import { useState } from "react";
import { massUpdate } from "../api/access-endpoints";
import { errorMessage } from "../api/client";
import type { MassUpdateInput, MassUpdateResult } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { MassUpdateForm } from "../components/mass-update/mass-update-form";
import { MassUpdateResultView } from "../components/mass-update/mass-update-result";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { plural } from "../lib/format";
import { useOrg } from "../session/org-context";

/** Settings → Mass update (admins): preview a bulk permission update as a dry run, then apply it in one go. */
export function MassUpdatePage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const [previewed, setPreviewed] = useState<MassUpdateInput | null>(null);
  const [result, setResult] = useState<MassUpdateResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const preview = async (input: MassUpdateInput) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await massUpdate(org.id, { ...input, dryRun: true }));
      setPreviewed(input);
    } catch (caught) {
      setError(errorMessage(caught));
      setResult(null);
      setPreviewed(null);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!previewed) return;
    const applied = await massUpdate(org.id, { ...previewed, dryRun: false });
    setResult(applied);
    setPreviewed(null);
    announce(`Permissions updated for ${plural(applied.changed, "person", "people")}.`);
  };

  if (!isAdmin) {
    return (
      <SettingsLayout>
        <PageHeader title="Mass update" />
        <section className="card">
          <p>Only admins update the permissions of many people at once.</p>
        </section>
      </SettingsLayout>
    );
  }

  const canApply = previewed !== null && result !== null && !result.applied && result.changed > 0;
  return (
    <SettingsLayout>
      <PageHeader
        title="Mass update"
        help="Update the permissions of everyone a filter matches: each person's own permission set is written, in one transaction. Preview first; nothing changes until you apply."
      />
      <div className="stack">
        <MassUpdateForm
          isBusy={isBusy}
          error={error}
          onPreview={preview}
          onEdited={() => setPreviewed(null)}
        />
        {result && <MassUpdateResultView result={result} />}
        {canApply && (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
              Apply to {plural(result.changed, "person", "people")}
            </button>
          </div>
        )}
      </div>
      {confirming && result && (
        <ConfirmDialog
          title={`Apply to ${plural(result.changed, "person", "people")}?`}
          confirmLabel="Apply"
          danger={false}
          onClose={() => setConfirming(false)}
          onConfirm={apply}
        >
          <p>
            The permissions of {plural(result.changed, "person", "people")} change at once, as the preview
            shows. The filter is evaluated again now, so anyone who joined or left it since the preview is
            counted as they are.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
