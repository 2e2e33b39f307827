import { type ChangeEvent, type InputHTMLAttributes, type ReactNode, useId } from "react";
import { ErrorText } from "./error-text";

/** The attributes the console's forms set on an <input> or a <textarea>. */
type ControlAttributes = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "autoComplete" | "autoFocus" | "maxLength" | "minLength" | "name" | "placeholder" | "readOnly" | "required"
>;

/** Attributes only an <input> has. */
type InputOnlyAttributes = Pick<InputHTMLAttributes<HTMLInputElement>, "max" | "min" | "type">;

type TextFieldProps = ControlAttributes & {
  label: ReactNode;
  value: string;
  /** Receives the new text; leave it out only for a read-only field. */
  onChange?: (value: string) => void;
  /** Shown under the field and read with it (aria-describedby). */
  hint?: ReactNode;
  /** What is wrong with this field; it is then marked invalid and the message read with it. */
  error?: string | null;
  /** Says "(optional)" after the label. */
  optional?: boolean;
  /** For short values such as a number of days. */
  narrow?: boolean;
  /** Otherwise one of its own. */
  id?: string;
} & (
    | (InputOnlyAttributes & { multiline?: false; rows?: never })
    | ({ [K in keyof InputOnlyAttributes]?: never } & { multiline: true; rows?: number })
  );

/** A labelled text box (an <input>, or a <textarea> when `multiline`) with its hint and error under it. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  optional = false,
  narrow = false,
  id: givenId,
  multiline,
  rows,
  type,
  min,
  max,
  ...attributes
}: TextFieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasHint = hint !== undefined && hint !== null;
  const describedBy = [hasHint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  const control = {
    id,
    value,
    onChange:
      onChange &&
      ((event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value)),
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
    ...attributes,
  };

  return (
    <div className={narrow ? "field field-narrow" : "field"}>
      <label htmlFor={id}>
        {label}
        {optional && (
          <>
            {" "}
            <span className="optional">(optional)</span>
          </>
        )}
      </label>
      {multiline ? (
        <textarea className="input textarea" rows={rows} {...control} />
      ) : (
        <input className="input" type={type} min={min} max={max} {...control} />
      )}
      {hasHint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <ErrorText message={error} id={errorId} />
    </div>
  );
}

/** The password of a new account, with the length rule said under it. */
export function NewPasswordField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      label="Password"
      type="password"
      required
      minLength={8}
      autoComplete="new-password"
      hint="At least 8 characters."
      value={value}
      onChange={onChange}
    />
  );
}
