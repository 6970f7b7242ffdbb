/** A page's environment filter: all environments or one (the chosen one stays listed while it is chosen). */
export function EnvironmentSelect({ value, environments, onChange }: { value: string | null; environments: readonly string[]; onChange: (environment: string | null) => void }) {
  const names = value && !environments.includes(value) ? [...environments, value] : environments;
  return (
    <select aria-label="Environment" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">All environments</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
