import { useState } from 'react';
import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { formatBytes, formatDateTime } from '../../lib/time';
import { formatValue, KeyValueTable, objectRows } from './key-value';

type Event = EventDetailsFragment;

export function EventTags({ event }: { event: Event }) {
  if (event.tags.length === 0) return null;
  return (
    <section className="event-section" aria-label="Event tags">
      <h3>Tags</h3>
      <div className="tags-list">
        {event.tags.map((tag) => (
          <span className="tag" key={tag.key}>
            <span className="key">{tag.key}</span>
            <span>{tag.value}</span>
          </span>
        ))}
      </div>
    </section>
  );
}

export function EventMessage({ event }: { event: Event }) {
  if (!event.message) return null;
  return (
    <section className="event-section" aria-label="Message">
      <h3>Message</h3>
      <pre className="message" style={{ whiteSpace: 'pre-wrap' }}>
        {event.message}
      </pre>
    </section>
  );
}

type Crumb = Event['breadcrumbs'][number];

/** An http breadcrumb reads as Sentry shows it, `GET https://… [200]`; others show message and data. */
export function httpSummary(crumb: Pick<Crumb, 'category' | 'type' | 'data'>): string | null {
  const data = crumb.data as Record<string, unknown> | null | undefined;
  if (!data || (crumb.category !== 'http' && crumb.category !== 'fetch' && crumb.category !== 'xhr' && crumb.type !== 'http')) return null;
  if (typeof data.url !== 'string') return null;
  const method = typeof data.method === 'string' ? `${data.method} ` : '';
  const status = typeof data.status_code === 'number' || typeof data.status_code === 'string' ? ` [${data.status_code}]` : '';
  return `${method}${data.url}${status}`;
}

function BreadcrumbDescription({ crumb }: { crumb: Crumb }) {
  const http = httpSummary(crumb);
  if (http) return <>{http}</>;
  return (
    <>
      {crumb.message ?? ''}
      {crumb.data && Object.keys(crumb.data).length > 0 && <div className="faint">{formatValue(crumb.data)}</div>}
    </>
  );
}

export function Breadcrumbs({ event }: { event: Event }) {
  const [all, setAll] = useState(false);
  const crumbs = [...event.breadcrumbs].reverse();
  if (crumbs.length === 0) return null;
  const shown = all ? crumbs : crumbs.slice(0, 15);
  return (
    <section className="event-section" aria-label="Breadcrumbs">
      <h3>
        Breadcrumbs
        <span className="muted" style={{ fontWeight: 'normal', fontSize: '0.85em' }}>
          newest first
        </span>
      </h3>
      <table className="table breadcrumbs-table panel">
        <thead>
          <tr>
            <th>Type</th>
            <th>Category</th>
            <th>Description</th>
            <th>Level</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((crumb, i) => (
            <tr key={i}>
              <td>{crumb.type ?? 'default'}</td>
              <td>{crumb.category ?? ''}</td>
              <td className="mono" style={{ wordBreak: 'break-word' }}>
                <BreadcrumbDescription crumb={crumb} />
              </td>
              <td>{crumb.level ?? ''}</td>
              <td className="time">{crumb.timestamp ? new Date(crumb.timestamp).toLocaleTimeString() : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {crumbs.length > shown.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          Show all {crumbs.length} breadcrumbs
        </button>
      )}
    </section>
  );
}

export function RequestSection({ event }: { event: Event }) {
  const request = event.request;
  if (!request) return null;
  return (
    <section className="event-section" aria-label="Request">
      <h3>
        Request
        <span className="mono" style={{ fontWeight: 'normal', fontSize: '0.85em' }}>
          {request.method} {request.url}
        </span>
      </h3>
      <KeyValueTable
        label="Request"
        rows={[
          ...(request.queryString ? [['Query string', request.queryString] as [string, unknown]] : []),
          ...(request.data != null ? [['Body', request.data] as [string, unknown]] : []),
          ...(request.cookies ? [['Cookies', request.cookies] as [string, unknown]] : []),
          ...request.headers.map((h) => [h.name, h.value] as [string, unknown]),
          ...objectRows(request.env).map(([k, v]) => [`env.${k}`, v] as [string, unknown]),
        ]}
      />
    </section>
  );
}

export function UserSection({ event }: { event: Event }) {
  const user = event.user;
  if (!user) return null;
  const rows: [string, unknown][] = [
    ['ID', user.id],
    ['Email', user.email],
    ['Username', user.username],
    ['Name', user.name],
    ['IP address', user.ipAddress],
    ...objectRows(user.data),
  ].filter(([, value]) => value != null) as [string, unknown][];
  return (
    <section className="event-section" aria-label="User">
      <h3>User</h3>
      <KeyValueTable rows={rows} label="User" />
    </section>
  );
}

export function ContextsSection({ event }: { event: Event }) {
  const contexts = (Object.entries(event.contexts).filter(([, value]) => value && typeof value === 'object') as [string, Record<string, unknown>][]).filter(
    ([, value]) => objectRows(value).some(([key]) => key !== 'type'),
  );
  if (contexts.length === 0) return null;
  return (
    <section className="event-section" aria-label="Contexts">
      <h3>Contexts</h3>
      <div className="context-grid">
        {contexts.map(([name, value]) => (
          <div className="context-card" key={name}>
            <h4>{name}</h4>
            <KeyValueTable rows={objectRows(value).filter(([key]) => key !== 'type')} label={name} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function ExtraSection({ event }: { event: Event }) {
  const rows = objectRows(event.extra);
  if (rows.length === 0) return null;
  return (
    <section className="event-section" aria-label="Additional data">
      <h3>Additional data</h3>
      <KeyValueTable rows={rows} label="Additional data" />
    </section>
  );
}

export function SdkSection({ event }: { event: Event }) {
  const sdk = event.sdk;
  if (!sdk) return null;
  return (
    <section className="event-section" aria-label="SDK">
      <h3>SDK</h3>
      <KeyValueTable
        label="SDK"
        rows={[
          ['Name', sdk.name],
          ['Version', sdk.version],
          ...(sdk.packages.length > 0 ? [['Packages', sdk.packages.map((p) => `${p.name}@${p.version}`).join('\n')] as [string, unknown]] : []),
          ...(sdk.integrations.length > 0 ? [['Integrations', sdk.integrations.join(', ')] as [string, unknown]] : []),
        ]}
      />
    </section>
  );
}

export function AttachmentsSection({ event }: { event: Event }) {
  if (event.attachments.length === 0) return null;
  return (
    <section className="event-section" aria-label="Attachments">
      <h3>Attachments</h3>
      <ul>
        {event.attachments.map((a) => (
          <li key={a.id}>
            <a href={a.url}>{a.name}</a> <span className="muted">({a.contentType}, {formatBytes(a.size)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function EventFacts({ event }: { event: Event }) {
  return (
    <div className="facts muted" style={{ display: 'flex', gap: 14, flexWrap: 'wrap' }}>
      <span title="When it happened">{formatDateTime(event.timestamp)}</span>
      {event.release && <span>release <span className="mono">{event.release.version}</span></span>}
      <span>environment {event.environment}</span>
      {event.serverName && <span>server {event.serverName}</span>}
      {event.transaction && <span>transaction {event.transaction}</span>}
      <code title="Event ID">{event.eventId}</code>
    </div>
  );
}
