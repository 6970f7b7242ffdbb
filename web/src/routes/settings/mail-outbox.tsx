import { useQuery } from 'urql';
import { QueryResult } from '../../components/query-state';
import { MailOutboxQuery } from '../../graphql/documents/account';
import { formatBytes, formatDateTime } from '../../lib/time';

/** Mail Vigil wrote to files because no SMTP server is configured (SMTP_URL). */
export function MailOutbox() {
  const [result, refetch] = useQuery({ query: MailOutboxQuery, requestPolicy: 'network-only' });
  return (
    <>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>Mail outbox</h1>
        <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Without <code>SMTP_URL</code>, emails (such as deploy notifications) are written as <code>.eml</code> files in the data directory instead of being sent. The newest are listed here.
      </p>
      <QueryResult result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.mailOutbox.length === 0 ? (
            <p className="muted">The outbox is empty.</p>
          ) : (
            <table className="table panel" aria-label="Mail outbox">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>To</th>
                  <th>Subject</th>
                  <th className="num">Size</th>
                  <th>File</th>
                </tr>
              </thead>
              <tbody>
                {data.mailOutbox.map((mail) => (
                  <tr key={mail.id}>
                    <td className="nowrap">{formatDateTime(mail.date)}</td>
                    <td>{mail.to}</td>
                    <td>{mail.subject}</td>
                    <td className="num">{formatBytes(mail.size)}</td>
                    <td className="mono faint" style={{ fontSize: '0.8em' }}>
                      {mail.id}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryResult>
    </>
  );
}
