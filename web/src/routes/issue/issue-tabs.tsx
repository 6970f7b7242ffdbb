import { useSearchParams } from 'react-router';

const TABS = [
  { id: 'details', label: 'Details' },
  { id: 'events', label: 'Events' },
  { id: 'tags', label: 'Tags' },
  { id: 'merged', label: 'Merged issues' },
] as const;
export type IssueTab = (typeof TABS)[number]['id'];

/** The open tab lives in the URL (`?tab=`); details, the default, leaves it out. */
export function useIssueTab(): [IssueTab, (tab: IssueTab, extra?: Record<string, string | null>) => void] {
  const [search, setSearch] = useSearchParams();
  const tab: IssueTab = TABS.find((t) => t.id === search.get('tab'))?.id ?? 'details';
  const open = (next: IssueTab, extra: Record<string, string | null> = {}) => {
    const params = new URLSearchParams(search);
    if (next === 'details') params.delete('tab');
    else params.set('tab', next);
    for (const [key, value] of Object.entries(extra)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    setSearch(params);
  };
  return [tab, open];
}

export const ISSUE_PANEL = 'issue-panel';
export const issueTabId = (tab: IssueTab) => `issue-tab-${tab}`;

export function IssueTabs({ tab, onChange }: { tab: IssueTab; onChange: (tab: IssueTab) => void }) {
  return (
    <div className="tabs section" role="tablist" aria-label="Issue sections">
      {TABS.map((t) => (
        <button
          key={t.id}
          id={issueTabId(t.id)}
          type="button"
          role="tab"
          className={tab === t.id ? 'active' : ''}
          aria-selected={tab === t.id}
          aria-controls={ISSUE_PANEL}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
