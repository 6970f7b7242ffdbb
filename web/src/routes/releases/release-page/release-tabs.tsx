import { useSearchParams } from 'react-router';

const TABS = [
  { id: 'commits', label: 'Commits' },
  { id: 'files', label: 'Files changed' },
  { id: 'issues', label: 'Issues' },
  { id: 'deploys', label: 'Deploys' },
  { id: 'artifacts', label: 'Artifacts' },
] as const;
export type ReleaseTab = (typeof TABS)[number]['id'];

/** The open tab lives in the URL (`?tab=`); commits, the default, leaves it out. */
export function useReleaseTab(): [ReleaseTab, (tab: ReleaseTab) => void] {
  const [search, setSearch] = useSearchParams();
  const tab: ReleaseTab = TABS.find((t) => t.id === search.get('tab'))?.id ?? 'commits';
  const open = (next: ReleaseTab) => {
    const params = new URLSearchParams(search);
    if (next === 'commits') params.delete('tab');
    else params.set('tab', next);
    setSearch(params);
  };
  return [tab, open];
}

export const RELEASE_PANEL = 'release-panel';
export const releaseTabId = (tab: ReleaseTab) => `release-tab-${tab}`;

export function ReleaseTabs({ tab, onChange }: { tab: ReleaseTab; onChange: (tab: ReleaseTab) => void }) {
  return (
    <div className="tabs section" role="tablist" aria-label="Release sections">
      {TABS.map((t) => (
        <button
          key={t.id}
          id={releaseTabId(t.id)}
          type="button"
          role="tab"
          className={tab === t.id ? 'active' : ''}
          aria-selected={tab === t.id}
          aria-controls={RELEASE_PANEL}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
