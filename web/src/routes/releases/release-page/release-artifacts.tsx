import { useQuery } from 'urql';
import { QueryResult } from '../../../components/query-state';
import { ReleaseArtifactsQuery } from '../../../graphql/documents/releases';

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

/** The artifacts tab: release files (minified files, source maps, sources) and the bytes uploaded for the release. */
export function ReleaseArtifacts({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseArtifactsQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading artifacts…">
      {(data) => {
        const release = data.organization.release;
        const files = release?.files ?? [];
        return (
          <>
            <p className="muted">Artifacts uploaded for this release: {bytes(release?.size ?? 0)}</p>
            {files.length === 0 ? (
              <div className="empty panel">No release files. Artifact bundles from sentry-cli sourcemaps upload are matched by debug id.</div>
            ) : (
              <table className="table panel" aria-label="Release files">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Dist</th>
                    <th>Type</th>
                    <th className="num">Size</th>
                  </tr>
                </thead>
                <tbody>
                  {files.map((file) => (
                    <tr key={file.id}>
                      <td className="mono">{file.name}</td>
                      <td>{file.dist ?? '—'}</td>
                      <td>{file.fileType ?? '—'}</td>
                      <td className="num">{bytes(file.size)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        );
      }}
    </QueryResult>
  );
}
