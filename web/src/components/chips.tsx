import { type KeyboardEvent, type ReactNode, useId, useState } from "react";

type Chip = { value: string; label: string };

/** Chosen values as removable chips; each remove button names what it removes. */
export function ChipList({ chips, onRemove }: { chips: Chip[]; onRemove?: (value: string) => void }) {
  if (chips.length === 0) return null;
  return (
    <ul className="chips">
      {chips.map((chip) => (
        <li key={chip.value} className="chip">
          <span>{chip.label}</span>
          {onRemove && (
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${chip.label}`}
              onClick={() => onRemove(chip.value)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

type ChipsFieldProps = {
  label: ReactNode;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: ReactNode;
  placeholder?: string;
  /** Offered as the person types (a <datalist>); any text is accepted. */
  suggestions?: string[];
  optional?: boolean;
};

/**
 * A list of free-text values (model keys, departments, file ids): type one and press Enter or a comma;
 * what is left in the box when it loses focus is added too, so nothing typed is lost on Save.
 */
export function ChipsField({
  label,
  values,
  onChange,
  hint,
  placeholder,
  suggestions,
  optional,
}: ChipsFieldProps) {
  const id = useId();
  const [text, setText] = useState("");
  const add = (raw: string) => {
    const parts = raw
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part && !values.includes(part));
    if (parts.length > 0) onChange([...values, ...new Set(parts)]);
    setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && text === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      <div className="chips-box">
        <ChipList
          chips={values.map((value) => ({ value, label: value }))}
          onRemove={(value) => onChange(values.filter((v) => v !== value))}
        />
        <input
          id={id}
          className="input chips-input"
          value={text}
          placeholder={values.length === 0 ? placeholder : undefined}
          list={suggestions ? `${id}-list` : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => add(text)}
        />
      </div>
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

type MultiPickerProps = {
  label: ReactNode;
  options: Chip[];
  values: string[];
  onChange: (values: string[]) => void;
  hint?: ReactNode;
  /** The first, empty option of the select, e.g. "Add a team…". */
  prompt: string;
};

/** Picks several of a known list (teams, people, agents): a select adds, chips remove. */
export function MultiPicker({ label, options, values, onChange, hint, prompt }: MultiPickerProps) {
  const id = useId();
  const left = options.filter((option) => !values.includes(option.value));
  const chosen = values.map((value) => options.find((o) => o.value === value) ?? { value, label: value });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <ChipList chips={chosen} onRemove={(value) => onChange(values.filter((v) => v !== value))} />
      <select
        id={id}
        className="select"
        value=""
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => event.target.value && onChange([...values, event.target.value])}
      >
        <option value="">{left.length === 0 ? "Nothing left to add" : prompt}</option>
        {left.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
