import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { Menu, MenuItem } from '../../components/menu';
import { CreateSavedSearchMutation, DeleteSavedSearchMutation, SavedSearchesQuery } from '../../graphql/documents/stream-views';
import type { SavedSearchVisibility } from '../../graphql/generated/graphql';

/** Sentry's saved searches: a menu that applies one, and a form to save the current search. */
export function SavedSearches({
  org,
  organizationId,
  query,
  admin,
  onApply,
}: {
  org: string;
  organizationId: string;
  query: string;
  admin: boolean;
  onApply: (query: string) => void;
}) {
  const [result] = useQuery({ query: SavedSearchesQuery, variables: { org } });
  const searches = result.data?.organization.savedSearches ?? [];
  const [managing, setManaging] = useState(false);
  return (
    <div className="saved-searches">
      <Menu label="Saved searches ▾" buttonClassName="small">
        {(close) =>
          searches.length === 0 ? (
            <div className="menu-note muted" role="menuitem" aria-disabled="true">
              No saved searches yet
            </div>
          ) : (
            searches.map((search) => (
              <MenuItem key={search.id} close={close} onSelect={() => onApply(search.query)}>
                {search.name}
                {search.visibility === 'ORGANIZATION' && <span className="faint"> · organization</span>}
              </MenuItem>
            ))
          )
        }
      </Menu>
      <button type="button" className="small" aria-expanded={managing} onClick={() => setManaging(!managing)}>
        Save search…
      </button>
      {managing && <SaveSearchForm organizationId={organizationId} query={query} admin={admin} searches={searches} onDone={() => setManaging(false)} />}
    </div>
  );
}

type Search = { id: string; name: string; query: string; visibility: SavedSearchVisibility; isOwn: boolean };

function SaveSearchForm({ organizationId, query, admin, searches, onDone }: { organizationId: string; query: string; admin: boolean; searches: Search[]; onDone: () => void }) {
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<SavedSearchVisibility>('OWNER');
  const [created, create] = useMutation(CreateSavedSearchMutation);
  const [deleted, remove] = useMutation(DeleteSavedSearchMutation);
  const deletable = searches.filter((s) => s.isOwn || (admin && s.visibility === 'ORGANIZATION'));
  return (
    <section className="panel saved-search-form" aria-label="Save the current search">
      <form
        className="form-row"
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await create({ organizationId, name, query, visibility });
          if (!done.error) onDone();
        }}
      >
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={128} />
        </label>
        <label>
          Visible to{' '}
          <select value={visibility} onChange={(e) => setVisibility(e.target.value as SavedSearchVisibility)}>
            <option value="OWNER">Only me</option>
            {admin && <option value="ORGANIZATION">Everyone in the organization</option>}
          </select>
        </label>
        <code className="saved-query">{query || 'every issue'}</code>
        <button type="submit" className="primary small" disabled={created.fetching}>
          Save
        </button>
      </form>
      {created.error && <ErrorMessage error={created.error} />}
      {deleted.error && <ErrorMessage error={deleted.error} />}
      {deletable.length > 0 && (
        <ul className="saved-search-list">
          {deletable.map((search) => (
            <li key={search.id}>
              <span>{search.name}</span> <code>{search.query}</code>{' '}
              <button type="button" className="small" aria-label={`Delete saved search ${search.name}`} onClick={() => void remove({ id: search.id })}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
