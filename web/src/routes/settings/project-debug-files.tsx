import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { DebugFilesQuery, ReprocessProjectMutation, SetReprocessingMutation } from '../../graphql/documents/native';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Uploaded debug files, the reprocessing switch, and what held events wait for. */
export function ProjectDebugFiles({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const { organization } = useOrganization();
  const [result, refetch] = useQuery({ query: DebugFilesQuery, variables: { org: organization.slug, project: project.slug }, requestPolicy: 'cache-and-network' });
  const [toggle, setReprocessing] = useMutation(SetReprocessingMutation);
  const [reprocess, reprocessProject] = useMutation(ReprocessProjectMutation);
  return (
    <QueryResult result={result}>
      {(data) => {
        const p = data.organization.project;
        if (!p) return <ErrorMessage error="Project not found" />;
        const { processingIssues } = p;
        return (
          <>
            <section className="panel body" aria-label="Reprocessing">
              <label>
                <input
                  type="checkbox"
                  checked={p.reprocessingActive}
                  disabled={!editable || toggle.fetching}
                  onChange={(e) => void setReprocessing({ id: p.id, active: e.target.checked }).then(() => refetch({ requestPolicy: 'network-only' }))}
                />{' '}
                Hold native crashes whose app debug files are missing until they are uploaded (reprocessing)
              </label>
              {toggle.error && <ErrorMessage error={toggle.error} />}
              <p>
                <strong data-testid="held-events">{processingIssues.heldEvents}</strong> held event{processingIssues.heldEvents === 1 ? '' : 's'}
                {editable && processingIssues.heldEvents > 0 && (
                  <button type="button" className="small" style={{ marginLeft: 8 }} disabled={reprocess.fetching} onClick={() => void reprocessProject({ projectId: p.id })}>
                    Reprocess now
                  </button>
                )}
              </p>
            </section>
            <section className="panel body" aria-label="Processing issues">
              <h3 style={{ marginTop: 0 }}>Processing issues</h3>
              {processingIssues.issues.length === 0 ? (
                <p className="muted">Nothing is waiting for a debug file.</p>
              ) : (
                <>
                  <table className="table">
                    <thead>
                      <tr>
                        <th>Image</th>
                        <th>Debug id</th>
                        <th>Arch</th>
                        <th>Problem</th>
                        <th>Events</th>
                        <th>Last seen</th>
                      </tr>
                    </thead>
                    <tbody>
                      {processingIssues.issues.map((i) => (
                        <tr key={i.id}>
                          <td>
                            <code>{i.imagePath}</code>
                          </td>
                          <td>
                            <code>{i.debugId}</code>
                          </td>
                          <td>{i.arch}</td>
                          <td>{i.type === 'native_bad_dsym' ? `unreadable${i.message ? `: ${i.message}` : ''}` : 'missing'}</td>
                          <td>{i.numEvents}</td>
                          <td>
                            <RelativeTime date={i.lastSeen} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <pre className="context">{processingIssues.uploadInstructions}</pre>
                </>
              )}
            </section>
            <section className="panel body" aria-label="Debug files">
              <h3 style={{ marginTop: 0 }}>Debug files</h3>
              {p.debugFiles.length === 0 ? (
                <p className="muted">No debug files yet: upload them with sentry-cli debug-files upload.</p>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th>Object</th>
                      <th>Debug id</th>
                      <th>Arch</th>
                      <th>Kind</th>
                      <th>Contains</th>
                      <th>Size</th>
                      <th>Uploaded</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.debugFiles.map((f) => (
                      <tr key={f.id}>
                        <td>
                          <code>{f.objectName}</code>
                        </td>
                        <td>
                          <code>{f.debugId}</code>
                        </td>
                        <td>{f.arch}</td>
                        <td>{f.kind}</td>
                        <td>{f.features.join(', ')}</td>
                        <td>{kib(f.size)}</td>
                        <td>
                          <RelativeTime date={f.dateCreated} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        );
      }}
    </QueryResult>
  );
}
