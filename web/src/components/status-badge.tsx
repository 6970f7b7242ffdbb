import type { IssueStatus, IssueSubstatus } from '../graphql/generated/graphql';

const SUBSTATUS_LABEL: Record<IssueSubstatus, string> = { NEW: 'New', ONGOING: 'Ongoing', REGRESSED: 'Regressed', ESCALATING: 'Escalating' };

export function StatusBadge({ status, substatus }: { status: IssueStatus; substatus?: IssueSubstatus | null }) {
  if (status === 'RESOLVED') return <span className="badge resolved">Resolved</span>;
  if (status === 'IGNORED') return <span className="badge ignored">Ignored</span>;
  if (status === 'PENDING_DELETION') return <span className="badge">Being deleted</span>;
  const label = substatus ? SUBSTATUS_LABEL[substatus] : 'Unresolved';
  return <span className={`badge ${substatus === 'NEW' ? 'new' : substatus === 'REGRESSED' ? 'regressed' : ''}`}>{label}</span>;
}

export function LevelDot({ level }: { level: string }) {
  return <span className={`level-dot level-${level}`} role="img" title={`Level: ${level}`} aria-label={`Level ${level}`} />;
}
