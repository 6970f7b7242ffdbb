import type { ReactNode } from 'react';

/** Strings as they are, everything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function KeyValueTable({ rows, label }: { rows: [string, ReactNode | unknown][]; label?: string }) {
  if (rows.length === 0) return <p className="muted">Nothing.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {rows.map(([key, value], i) => (
          <tr key={`${key}-${i}`}>
            <th scope="row">{key}</th>
            <td>{isNode(value) ? value : formatValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function isNode(value: unknown): value is ReactNode {
  return typeof value === 'object' && value !== null && '$$typeof' in value;
}

export function objectRows(object: Record<string, unknown> | null | undefined): [string, unknown][] {
  return Object.entries(object ?? {}).filter(([, value]) => value !== undefined);
}
