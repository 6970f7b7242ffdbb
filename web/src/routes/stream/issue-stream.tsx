import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { ErrorMessage, Loading } from '../../components/query-state';
import { SearchBar, type SearchError } from '../../components/search-bar';
import { Toast, type ToastMessage } from '../../components/toast';
import { BulkUpdateIssuesMutation, IssueCreatedSubscription, IssueStreamQuery, ProjectIssueUpdatedSubscription } from '../../graphql/documents/issues';
import { UpdateIssueMutation } from '../../graphql/documents/issue';
import type { AssigneeInput, IssueStatus, IssueStatusChange, UpdateIssueInput } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { DEFAULT_QUERY, readStreamParams, updateStreamParams, writeStreamParams, type StreamParams } from '../../lib/stream-params';
import { useStreamKeyboard } from '../../lib/use-stream-keyboard';
import { useTitle } from '../../lib/use-title';
import { useLiveStatus } from '../../session';
import { canWrite, isAdmin, useOrganization } from '../organization-layout';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DeleteIssuesMutation, MarkReviewedMutation } from '../../graphql/documents/stream-views';
import { SavedSearches } from './saved-searches';
import { activeTab, STREAM_PANEL, streamTabId, StreamTabs } from './stream-tabs';
import { BulkActions } from './bulk-actions';
import { useMergeIssues } from './use-merge-issues';
import { IssueRow } from './issue-row';
import { ProcessingIssuesBanner } from '../../components/processing-issues-banner';
import { StreamFilters, useSearchValues } from './stream-filters';
import { namesAnIssue, useJumpToIssue } from './use-jump-to-issue';

export const PAGE_SIZE = 25;

const STATUS_WORD: Partial<Record<IssueStatusChange, string>> = { RESOLVED: 'Resolved', IGNORED: 'Ignored', UNRESOLVED: 'Unresolved' };
const UNDO_STATUS: Record<Exclude<IssueStatus, 'PENDING_DELETION'>, IssueStatusChange> = { RESOLVED: 'RESOLVED', IGNORED: 'IGNORED', UNRESOLVED: 'UNRESOLVED' };

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
  const admin = isAdmin(organization.viewerRole);
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
  // Tab counts refetch when issues may have changed, at most once a second.
  const [liveTick, setLiveTick] = useState(0);
  const tickTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const bumpCounts = useCallback(() => {
    clearTimeout(tickTimer.current);
    tickTimer.current = setTimeout(() => setLiveTick((n) => n + 1), 1000);
  }, []);
  useEffect(() => () => clearTimeout(tickTimer.current), []);
  const onCreated = useCallback(() => {
    bumpCounts();
    if (params.cursor) {
      setNewElsewhere((n) => n + 1);
      return;
    }
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 250);
  }, [params.cursor, refetch, bumpCounts]);
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
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismissToast = useCallback(() => setToast(null), []);
  const send = useCallback(
    async (input: UpdateIssueInput, ids: string[]) => {
      const done = ids.length === 1 ? await runUpdate({ id: ids[0]!, input }) : await runBulk({ org, ids, input });
      return !done.error;
    },
    [runUpdate, runBulk, org],
  );
  const update = useCallback(
    async (input: UpdateIssueInput, ids = targets()) => {
      if (ids.length === 0 || !writable) return;
      // What the issues were before, for undo: a status change is grouped by the status it reverts to.
      const before = issues.filter((issue) => ids.includes(issue.id));
      if (!(await send(input, ids))) return;
      if (!input.status) return;
      // The changed issues may leave this page: a selection of them would act on hidden rows.
      setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
      const word = STATUS_WORD[input.status] ?? 'Updated';
      setToast({
        id: Date.now(),
        text: `${word} ${ids.length === 1 ? (before[0]?.shortId ?? '1 issue') : `${ids.length} issues`}.`,
        action: {
          label: 'Undo',
          run: () => {
            const byStatus = new Map<IssueStatusChange, string[]>();
            for (const issue of before) {
              if (issue.status === 'PENDING_DELETION') continue;
              const status = UNDO_STATUS[issue.status];
              byStatus.set(status, [...(byStatus.get(status) ?? []), issue.id]);
            }
            for (const [status, group] of byStatus) void send({ status }, group);
          },
        },
      });
    },
    [targets, writable, issues, send],
  );
  const [reviewed, runMarkReviewed] = useMutation(MarkReviewedMutation);
  const [deletion, runDelete] = useMutation(DeleteIssuesMutation);
  const [confirmDelete, setConfirmDelete] = useState<string[] | null>(null);
  const forget = useCallback((ids: string[]) => setSelected((current) => new Set([...current].filter((id) => !ids.includes(id)))), []);
  const markReviewed = useCallback(async () => {
    const ids = [...selected];
    if (ids.length === 0) return;
    const done = await runMarkReviewed({ issueIds: ids });
    if (done.error) return;
    // Reviewed issues leave the For review tab; elsewhere they stay, so does the selection.
    if (activeTab(params.query)?.id === 'for-review') forget(ids);
    setToast({ id: Date.now(), text: `Marked ${ids.length === 1 ? '1 issue' : `${ids.length} issues`} reviewed.` });
  }, [selected, runMarkReviewed, params.query, forget]);
  const deleteConfirmed = useCallback(async () => {
    const ids = confirmDelete ?? [];
    const done = await runDelete({ issueIds: ids });
    setConfirmDelete(null);
    if (done.error) return;
    forget(ids);
    setToast({ id: Date.now(), text: `Deleted ${done.data?.deleteIssues === 1 ? '1 issue' : `${done.data?.deleteIssues ?? 0} issues`}.` });
  }, [confirmDelete, runDelete, forget]);
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const { merge, merging } = useMergeIssues(clearSelection, setToast);
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
  const mutationError = bulk.error ?? single.error ?? reviewed.error ?? deletion.error;
  const jump = useJumpToIssue(org, search.toString());
  // Set when Enter was pressed on a query with a mistake: the rows are still the last search's.
  const [rejected, setRejected] = useState(false);
  useEffect(() => setRejected(false), [pageKey]);
  const submitSearch = useCallback(
    async (query: string) => {
      setRejected(false);
      if (!namesAnIssue(query) || !(await jump(query))) setParams({ query });
    },
    [jump, setParams],
  );
  const start = connection ? (params.cursor ? '…' : '1') : '';

  return (
    <>
      {liveProjects.map((p) => (
        <LiveProject key={p.id} projectId={p.id} onCreated={onCreated} onUpdated={bumpCounts} />
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
      <StreamTabs
        org={org}
        query={params.query}
        projects={variables.projects}
        environment={params.environment}
        statsPeriod={params.statsPeriod}
        liveTick={liveTick}
        onSelect={(query) => setParams({ query, cursor: null })}
      />
      <div className="stream-toolbar">
        <SearchBar query={params.query} onSubmit={(query) => void submitSearch(query)} values={values.suggestions} serverError={searchError} inputRef={searchInput} onFocus={values.load} onRejected={() => setRejected(true)} />
        <StreamFilters params={params} setParams={setParams} environments={values.environments} />
        <SavedSearches org={org} organizationId={organization.id} query={params.query} admin={admin} onApply={(query) => setParams({ query, cursor: null })} />
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${confirmDelete.length === 1 ? '1 issue' : `${confirmDelete.length} issues`}?`}
          confirmLabel="Delete for good"
          danger
          busy={deletion.fetching}
          onConfirm={() => void deleteConfirmed()}
          onCancel={() => setConfirmDelete(null)}
        >
          <p>Their events, tag values and counts are deleted too; this cannot be undone. Later events with the same fingerprint start a new issue.</p>
        </ConfirmDialog>
      )}
      {mutationError && <ErrorMessage error={mutationError} />}
      <Toast toast={toast} onDismiss={dismissToast} />
      {rejected && (
        <div className="message warning" role="status">
          Not searched: fix the query above. The issues below are still those of <code>{params.query || 'every issue'}</code>.
        </div>
      )}
      <div id={STREAM_PANEL} {...(activeTab(params.query) ? { role: 'tabpanel', 'aria-labelledby': streamTabId(activeTab(params.query)!.id) } : {})}>
      <div className={`stream${result.fetching || result.stale ? ' refreshing' : ''}${rejected ? ' stale' : ''}`} role="table" aria-label="Issues" aria-busy={result.fetching}>
        <div className="stream-head" role="row">
          <div role="columnheader">
            <input
              type="checkbox"
              aria-label="Select all issues on this page"
              checked={issues.length > 0 && selected.size === issues.length}
              ref={(el) => {
                if (el) el.indeterminate = selected.size > 0 && selected.size < issues.length;
              }}
              onChange={() => setSelected(selected.size === issues.length ? new Set() : new Set(issues.map((i) => i.id)))}
            />
          </div>
          <div className="bulk" role="columnheader">
            <BulkActions
              org={org}
              count={selected.size}
              disabled={!writable || bulk.fetching || merging}
              onUpdate={(input) => void update(input, [...selected])}
              onMarkReviewed={() => void markReviewed()}
              onDelete={admin ? () => setConfirmDelete([...selected]) : null}
              onMerge={() => void merge([...selected])}
              assignOpen={bulkAssignOpen}
              onAssignOpenChange={setBulkAssignOpen}
            />
          </div>
          <span role="columnheader" className="trend">Last 24 hours</span>
          <span role="columnheader" className="status">Status</span>
          <span role="columnheader" className="num">Events</span>
          <span role="columnheader" className="num">Users</span>
          <span role="columnheader" title="Assignee">
            Who
          </span>
        </div>
        {searchError ? (
          // The rows below would be the previous search's: none rather than stale ones.
          <StreamMessage>
            <div className="empty">Fix the search to see issues.</div>
          </StreamMessage>
        ) : !result.data ? (
          <StreamMessage>
            {result.error ? <ErrorMessage error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading label="Loading issues…" />}
          </StreamMessage>
        ) : issues.length === 0 ? (
          <StreamMessage>
            <EmptyStream org={org} query={params.query} projectSlug={project?.slug ?? projects[0]?.slug} />
          </StreamMessage>
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
      </div>
      <div className="stream-footer">
        <span className="num" style={{ textAlign: 'left' }}>
          {connection && connection.totalCount > 0 && (
            <>
              {start === '1' ? `1–${issues.length}` : `${issues.length}`} of {connection.totalCount}
              {connection.totalCountIsLowerBound ? '+' : ''} issue{connection.totalCount === 1 && !connection.totalCountIsLowerBound ? '' : 's'}
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
function LiveProject({ projectId, onCreated, onUpdated }: { projectId: string; onCreated: () => void; onUpdated: () => void }) {
  useSubscription({ query: IssueCreatedSubscription, variables: { projectId } }, (_previous, data) => {
    onCreated();
    return data;
  });
  useSubscription({ query: ProjectIssueUpdatedSubscription, variables: { projectId } }, (_previous, data) => {
    onUpdated();
    return data;
  });
  return null;
}

/** A message in the table's place, as one full-width row (the table stays a valid table). */
function StreamMessage({ children }: { children: ReactNode }) {
  return (
    <div role="row" className="stream-message">
      <div role="cell">{children}</div>
    </div>
  );
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
