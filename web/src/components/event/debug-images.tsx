import type { EventDetailsFragment } from '../../graphql/generated/graphql';

type Image = EventDetailsFragment['debugImages'][number];

/** What each image status means for the frames in it. */
const STATUS_LABELS: Record<string, string> = {
  found: 'symbols found',
  unused: 'not referenced',
  missing: 'debug file missing',
  malformed: 'debug file unreadable',
};

/** The native images (executable and libraries) of a crash, with whether their debug files were found. */
export function DebugImages({ images }: { images: readonly Image[] }) {
  if (images.length === 0) return null;
  return (
    <section className="event-section" aria-label="Images">
      <h3>Images</h3>
      <table className="table debug-images">
        <thead>
          <tr>
            <th>Image</th>
            <th>Address</th>
            <th>Debug id</th>
            <th>Arch</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {images.map((image, i) => (
            <tr key={i} data-status={image.debugStatus ?? 'unused'} data-in-app={image.inApp}>
              <td>
                <code>{image.codeFile?.split('/').pop() || image.codeFile || '?'}</code>
                {!image.inApp && <span className="badge" style={{ marginLeft: 6 }}>system</span>}
              </td>
              <td>
                <code>{image.imageAddr}</code>
              </td>
              <td>
                <code>{image.debugId}</code>
              </td>
              <td>{image.arch}</td>
              <td>
                <span className={`badge status-${image.debugStatus ?? 'unused'}`}>{STATUS_LABELS[image.debugStatus ?? 'unused'] ?? image.debugStatus}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
