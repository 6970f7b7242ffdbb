import { crashFree } from '../release-list';
import type { Release } from './release-page';

/** The numbers at a glance: health (all environments), commits, authors, issues, deploys. */
export function ReleaseStats({ release }: { release: Release }) {
  const overall = release.health.find((h) => h.environment == null) ?? release.health[0];
  const sessions = release.health.reduce((sum, h) => sum + h.sessions, 0);
  return (
    <div className="stat-grid">
      <Stat label="Crash-free sessions" value={crashFree(overall?.crashFreeSessions)} />
      <Stat label="Crash-free users" value={crashFree(overall?.crashFreeUsers)} />
      <Stat label="Sessions" value={String(sessions)} />
      <Stat label="Commits" value={String(release.commitCount)} />
      <Stat label="Authors" value={String(release.authors.length)} />
      <Stat label="New issues" value={String(release.newIssues.length)} />
      <Stat label="Resolved issues" value={String(release.resolvedIssues.length)} />
      <Stat label="Deploys" value={String(release.deploys.length)} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat-card">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}
