const TONES = {
  plain: "button button-small",
  quiet: "button button-small row-action",
  danger: "button button-small button-quiet-danger",
} as const;

type RowActionProps = {
  label: string;
  /** Said after the label to screen readers only: what in the row it acts on. */
  target: string;
  onClick: () => void;
  tone?: keyof typeof TONES;
};

/** A small button in a table row's actions cell. */
export function RowAction({ label, target, onClick, tone = "plain" }: RowActionProps) {
  return (
    <button type="button" className={TONES[tone]} onClick={onClick}>
      {label}
      <span className="visually-hidden"> {target}</span>
    </button>
  );
}

/** The header of a table's actions column: no visible text. */
export function ActionsHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Actions</span>
    </th>
  );
}
