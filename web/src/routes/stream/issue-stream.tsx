import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ErrorMessage, Loading } from '../../components/query-state';
import { SearchBar, type SearchError } from '../../components/search-bar';
import { BulkUpdateIssuesMutation, IssueCreatedSubscription, IssueStreamQuery, ProjectIssueUpdatedSubscription } from '../../graphql/documents/issues';
import { UpdateIssueMutation } from '../../graphql/documents/issue';
import type { AssigneeInput, UpdateIssueInput } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { DEFAULT_QUERY, readStreamParams, updateStreamParams, writeStreamParams, type StreamParams } from '../../lib/stream-params';
import { useStreamKeyboard } from '../../lib/use-stream-keyboard';
import { useTitle } from '../../lib/use-title';
import { useLiveStatus } from '../../session';
import { canWrite, useOrganization } from '../organization-layout';
import { BulkActions } from './bulk-actions';
import { IssueRow } from './issue-row';
import { ProcessingIssuesBanner } from '../../components/processing-issues-banner';
import { StreamFilters, useSearchValues } from './stream-filters';

export const PAGE_SIZE = 25;

/** The search error to show in the bar, when the server refused the query. */
export function searchErrorOf(error: CombinedError | undefined): SearchError | null {
  const found = error?.graphQLErrors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions?.field === 'query');
  if (!found) return null;
  const position = found.extensions.position;
  return { message: found.message, ...(typeof position === 'number' ? { position } : {}) };
}

/** The issue stream: search, filters, a page of issues that updates live, bulk triage, shortcuts. */
export function IssueStream() {
  const { organization, project, projects } = useOrganization();
  const org = organization.slug;
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const params = useMemo(() => readStreamParams(search), [search]);
  const setParams = useCallback((change: Partial<StreamParams>) => setSearch(writeStreamParams(updateStreamParams(params, change))), [params, setSearch]);
  const writable = canWrite(organization.viewerRole);
  useTitle(`Issues · ${project?.name ?? organization.name}`);

  const variables = {
    org,
    projects: project ? [project.id] : null,
    query: params.query,
    sort: params.sort,
    environment: params.environment,
    statsPeriod: params.statsPeriod,
    after: params.cursor,
    first: PAGE_SIZE,
  };
  const [result, refetch] = useQuery({ query: IssueStreamQuery, variables });
  const connection = result.data?.organization.issues;
  const issues = useMemo(() => connection?.nodes ?? [], [connection]);
  const searchError = searchErrorOf(result.error);

  // Paging: remember where each page came from, so Previous works without a backwards cursor.
  const previousCursors = useRef(new Map<string, string | null>());
  const nextPage = () => {
    if (!connection?.pageInfo.endCursor) return;
    previousCursors.current.set(connection.pageInfo.endCursor, params.cursor);
    setParams({ cursor: connection.pageInfo.endCursor });
  };
  const previousPage = () => setParams({ cursor: params.cursor ? (previousCursors.current.get(params.cursor) ?? null) : null });

  // Selection and keyboard cursor belong to one page of one search.
  const pageKey = search.toString();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(-1);
  const [assignOpenFor, setAssignOpenFor] = useState<string | null>(null);
  useEffect(() => {
    setSelected(new Set());
    setCursor(-1);
  }, [pageKey]);
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // Live: new issues refetch the first page (others count them); changes flow into the cache.
  const [newElsewhere, setNewElsewhere] = useState(0);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onCreated = useCallback(() => {
    if (params.cursor) {
      setNewElsewhere((n) => n + 1);
      return;
    }
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 250);
  }, [params.cursor, refetch]);
  useEffect(() => () => clearTimeout(refetchTimer.current), []);
  useEffect(() => setNewElsewhere(0), [pageKey]);
  const liveProjects = project ? [project] : projects.slice(0, 25);

  const [bulk, runBulk] = useMutation(BulkUpdateIssuesMutation);
  const [single, runUpdate] = useMutation(UpdateIssueMutation);
  const targets = useCallback(() => {
    if (selected.size > 0) return [...selected];
    const current = issues[cursor];
    return current ? [current.id] : [];
  }, [selected, issues, cursor]);
  const update = useCallback(
    async (input: UpdateIssueInput, ids = targets()) => {
      if (ids.length === 0 || !writable) return;
      if (ids.length === 1) await runUpdate({ id: ids[0]!, input });
      else await runBulk({ org, ids, input });
    },
    [targets, writable, runUpdate, runBulk, org],
  );
  const assignOne = useCallback((id: string, input: AssigneeInput | null) => void update({ assignee: input }, [id]), [update]);
  const onAssignOpenChange = useCallback((id: string, open: boolean) => setAssignOpenFor(open ? id : null), []);

  const searchInput = useRef<HTMLInputElement>(null);
  const [bulkAssignOpen, setBulkAssignOpen] = useState(false);
  useStreamKeyboard({
    count: issues.length,
    cursor,
    setCursor: (index) => {
      setCursor(index);
      document.querySelectorAll('.issue-row')[index]?.scrollIntoView({ block: 'nearest' });
    },
    open: (index) => {
      const issue = issues[index];
      if (issue) navigate({ pathname: paths.issue(org, issue.shortId), search: search.toString() });
    },
    toggleSelect: (index) => {
      const issue = issues[index];
      if (issue) toggle(issue.id);
    },
    resolve: () => void update({ status: 'RESOLVED' }),
    ignore: () => void update({ status: 'IGNORED' }),
    assign: () => {
      if (selected.size > 0) setBulkAssignOpen(true);
      else if (issues[cursor]) setAssignOpenFor(issues[cursor].id);
    },
    focusSearch: () => searchInput.current?.focus(),
  });

  const values = useSearchValues(org, project ? [project.id] : null, params.environment);
  // Whatever happened while the socket was down (or before it came up) is fetched once it is up.
  const live = useLiveStatus();
  const wasLive = useRef(live);
  useEffect(() => {
    if (live === 'live' && wasLive.current !== 'live') refetch({ requestPolicy: 'network-only' });
    wasLive.current = live;
  }, [live, refetch]);
  const mutationError = bulk.error ?? single.error;
  const start = connection ? (params.cursor ? '…' : '1') : '';

  return (
    <>
      {liveProjects.map((p) => (
        <LiveProject key={p.id} projectId={p.id} onCreated={onCreated} />
      ))}
      {liveProjects.map((p) => (
        <ProcessingIssuesBanner key={p.id} org={org} project={p.slug} />
      ))}
      <div className="page-header">
        <h1>Issues</h1>
        <span className={`live-indicator${live === 'live' ? '' : ' pending'}`} role="status" aria-live="polite">
          <span className="dot" aria-hidden="true" />
          {live === 'live' ? 'Live: new issues and counts update here' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </div>
      <div className="stream-toolbar">
        <SearchBar query={params.query} onSubmit={(query) => setParams({ query })} values={values.suggestions} serverError={searchError} inputRef={searchInput} onFocus={values.load} />
        <StreamFilters params={params} setParams={setParams} environments={values.environments} onNeedValues={values.load} />
      </div>
      {mutationError && <ErrorMessage error={mutationError} />}
      <div className={`stream${result.fetching || result.stale ? ' refreshing' : ''}`} role="table" aria-label="Issues" aria-busy={result.fetching}>
        <div className="stream-head" role="row">
          <input
            type="checkbox"
            aria-label="Select all issues on this page"
            checked={issues.length > 0 && selected.size === issues.length}
            ref={(el) => {
              if (el) el.indeterminate = selected.size > 0 && selected.size < issues.length;
            }}
            onChange={() => setSelected(selected.size === issues.length ? new Set() : new Set(issues.map((i) => i.id)))}
          />
          <div className="bulk">
            <BulkActions
              org={org}
              count={selected.size}
              disabled={!writable || bulk.fetching}
              onUpdate={(input) => void update(input, [...selected])}
              assignOpen={bulkAssignOpen}
              onAssignOpenChange={setBulkAssignOpen}
            />
          </div>
          <span>Last 24 hours</span>
          <span>Status</span>
          <span className="num">Events</span>
          <span className="num">Users</span>
          <span title="Assignee">Who</span>
        </div>
        {result.data === undefined ? (
          result.error && !searchError ? (
            <ErrorMessage error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
          ) : searchError ? (
            <div className="empty">Fix the search to see issues.</div>
          ) : (
            <Loading label="Loading issues…" />
          )
        ) : issues.length === 0 ? (
          <EmptyStream org={org} query={params.query} projectSlug={project?.slug ?? projects[0]?.slug} />
        ) : (
          issues.map((issue, index) => (
            <IssueRow
              key={issue.id}
              issue={issue}
              org={org}
              selected={selected.has(issue.id)}
              isCursor={index === cursor}
              onToggle={toggle}
              onAssign={assignOne}
              assignOpen={assignOpenFor === issue.id}
              onAssignOpenChange={onAssignOpenChange}
              showProject={!project && projects.length > 1}
              linkSearch={search.toString()}
            />
          ))
        )}
      </div>
      <div className="stream-footer">
        <span className="num" style={{ textAlign: 'left' }}>
          {connection && connection.totalCount > 0 && (
            <>
              {start === '1' ? `1–${issues.length}` : `${issues.length}`} of {connection.totalCount} issue{connection.totalCount === 1 ? '' : 's'}
            </>
          )}
          {newElsewhere > 0 && (
            <>
              {' · '}
              <button type="button" className="link" onClick={() => setParams({ cursor: null })}>
                {newElsewhere} new since — show the latest
              </button>
            </>
          )}
        </span>
        <span className="shortcuts-hint" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>o</kbd> open · <kbd>r</kbd> resolve · <kbd>i</kbd> ignore · <kbd>a</kbd> assign · <kbd>/</kbd> search
        </span>
        <span className="button-group">
          <button type="button" onClick={previousPage} disabled={!params.cursor}>
            ← Previous
          </button>
          <button type="button" onClick={nextPage} disabled={!connection?.pageInfo.hasNextPage}>
            Next →
          </button>
        </span>
      </div>
    </>
  );
}

/** Subscribes to one project's new and changed issues; changes land in the normalized cache. */
function LiveProject({ projectId, onCreated }: { projectId: string; onCreated: () => void }) {
  useSubscription({ query: IssueCreatedSubscription, variables: { projectId } }, (_previous, data) => {
    onCreated();
    return data;
  });
  useSubscription({ query: ProjectIssueUpdatedSubscription, variables: { projectId } });
  return null;
}

function EmptyStream({ org, query, projectSlug }: { org: string; query: string; projectSlug: string | undefined }) {
  const searching = query !== '' && query !== DEFAULT_QUERY;
  return (
    <div className="empty">
      <h3>{searching ? 'No issues match your search' : 'No issues yet'}</h3>
      <p>
        {searching ? 'Try a broader search or another time range. ' : ''}
        {projectSlug && (
          <>
            Waiting for errors? <Link to={paths.gettingStarted(org, projectSlug)}>Set up an SDK or send a test event</Link>.
          </>
        )}
      </p>
    </div>
  );
}
