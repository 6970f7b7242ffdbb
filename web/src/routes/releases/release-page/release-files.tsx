import { useQuery } from 'urql';
import { QueryResult } from '../../../components/query-state';
import { ReleaseFilesQuery } from '../../../graphql/documents/releases';

/** The files tab: every path the release's commits touched, with how many commits did. */
export function ReleaseFiles({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseFilesQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading files…">
      {(data) => {
        const files = data.organization.release?.filesChanged ?? [];
        if (files.length === 0) return <div className="empty panel">No file changes recorded for this release.</div>;
        return (
          <table className="table panel" aria-label="Files changed">
            <thead>
              <tr>
                <th style={{ width: 40 }}>Type</th>
                <th>Path</th>
                <th className="num">Commits</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={`${file.type}-${file.path}`}>
                  <td>
                    <span className={`file-type ${file.type}`} title={{ A: 'Added', M: 'Modified', D: 'Deleted' }[file.type] ?? file.type}>
                      {file.type}
                    </span>
                  </td>
                  <td className="mono">{file.path}</td>
                  <td className="num">{file.commitCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </QueryResult>
  );
}
