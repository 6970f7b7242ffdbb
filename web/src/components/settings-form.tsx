import { useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorMessage } from './query-state';

/** A switch with a bold label and a muted explanation under it. */
export function CheckOption({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: ReactNode;
  hint: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <strong>{label}</strong>
        <div className="muted">{hint}</div>
      </span>
    </label>
  );
}

/** A panel of switches, each saved as soon as it is flipped. */
export function CheckOptionsPanel<K extends string>({
  label,
  options,
  values,
  disabled,
  error,
  onChange,
}: {
  label: string;
  options: readonly { key: K; label: string; hint: string }[];
  values: Record<K, boolean>;
  disabled: boolean;
  error: CombinedError | undefined;
  onChange: (key: K, checked: boolean) => void;
}) {
  return (
    <section className="panel body form" style={{ maxWidth: 'none' }} aria-label={label}>
      {error && <ErrorMessage error={error} />}
      {options.map((o) => (
        <CheckOption key={o.key} label={o.label} hint={o.hint} checked={values[o.key]} disabled={disabled} onChange={(checked) => onChange(o.key, checked)} />
      ))}
    </section>
  );
}

/** The primary submit button of a settings form, on a line of its own. */
export function SubmitButton({ disabled, children }: { disabled: boolean; children: ReactNode }) {
  return (
    <div>
      <button type="submit" className="primary" disabled={disabled}>
        {children}
      </button>
    </div>
  );
}

export function SavedMessage({ saved }: { saved: boolean }) {
  return saved ? <div className="message success">Saved.</div> : null;
}

/**
 * The submit handler of a settings form: runs `save` and, when it returns data, flags the form as
 * saved (for `SavedMessage`) and hands the data to `onSaved`.
 */
export function useSaveForm<T>(save: () => Promise<{ data?: T | undefined }>, onSaved?: (data: T) => void) {
  const [saved, setSaved] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const result = await save();
    if (result.data) {
      setSaved(true);
      onSaved?.(result.data);
    }
  };
  return { saved, onSubmit };
}

/** "one\n two\n\n" → ["one", "two"]: lists are edited one entry per line. */
export const linesToList = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export interface LineListField<K extends string> {
  key: K;
  label: ReactNode;
  hint: ReactNode;
  value: readonly string[];
}

/** Lists (patterns, field names) edited as textareas, one entry per line, saved together. */
export function LineListsForm<K extends string>({
  fields,
  editable,
  busy,
  submitLabel,
  onSave,
}: {
  fields: readonly LineListField<K>[];
  editable: boolean;
  busy: boolean;
  submitLabel: string;
  onSave: (lists: Record<K, string[]>) => Promise<{ data?: unknown }>;
}) {
  const [texts, setTexts] = useState(() => Object.fromEntries(fields.map((f) => [f.key, f.value.join('\n')])) as Record<K, string>);
  const { saved, onSubmit } = useSaveForm(() => onSave(Object.fromEntries(fields.map((f) => [f.key, linesToList(texts[f.key])])) as Record<K, string[]>));
  return (
    <form className="panel body form" style={{ maxWidth: 'none' }} onSubmit={onSubmit}>
      <SavedMessage saved={saved} />
      {fields.map((f) => (
        <label className="field" key={f.key}>
          {f.label} <span className="hint">{f.hint}</span>
          <textarea value={texts[f.key]} disabled={!editable} onChange={(e) => setTexts({ ...texts, [f.key]: e.target.value })} />
        </label>
      ))}
      {editable && <SubmitButton disabled={busy}>{submitLabel}</SubmitButton>}
    </form>
  );
}
