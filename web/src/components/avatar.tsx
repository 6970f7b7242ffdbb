export type AssigneeLike =
  | { __typename?: 'User'; id: string; name: string; email: string }
  | { __typename?: 'Team'; id: string; slug: string; name: string };

export function assigneeLabel(assignee: AssigneeLike | null | undefined): string {
  if (!assignee) return 'Unassigned';
  if ('slug' in assignee) return `#${assignee.slug}`;
  return assignee.name || assignee.email;
}

function initials(text: string): string {
  const words = text.replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

export function Avatar({ assignee }: { assignee: AssigneeLike | null | undefined }) {
  if (!assignee) return <span className="avatar empty-avatar" aria-hidden="true">?</span>;
  const team = 'slug' in assignee;
  const label = assigneeLabel(assignee);
  return (
    <span className={`avatar${team ? ' team' : ''}`} title={label} aria-hidden="true">
      {team ? assignee.slug.slice(0, 2) : initials(assignee.name || assignee.email)}
    </span>
  );
}
