import type { EventDetailsFragment } from '../../graphql/generated/graphql';

type ProcessingError = EventDetailsFragment['processingErrors'][number];

/** What to do about each kind of error: the upload that would fix it. */
const FIXES: Record<string, string> = {
  js_no_source: 'Upload the source map: sentry-cli sourcemaps inject <dir> && sentry-cli sourcemaps upload <dir> (add --release to match by URL).',
  js_invalid_source: 'The uploaded source map cannot be read: rebuild it and upload it again.',
  js_missing_sources_content: 'Build the map with sourcesContent, or upload the original source files too, to see source context.',
  js_invalid_sourcemap_location: 'The source map does not cover this position: it was probably built from other code than the file that ran. Upload the map of this build.',
  js_fetch_error: 'The artifact storage could not be reached while the event was processed.',
};

/** Why some frames could not be un-minified, with what to upload. */
export function ProcessingErrors({ errors }: { errors: readonly ProcessingError[] }) {
  return (
    <section className="event-section panel processing-errors" aria-label="Processing errors">
      <h3>Processing errors</h3>
      <ul>
        {errors.map((error, i) => (
          <li key={i}>
            <strong className="mono">{error.type}</strong>
            {error.file && <span className="mono"> {error.file}</span>}
            {error.detail && <div>{error.detail}</div>}
            {FIXES[error.type] && <div className="muted">{FIXES[error.type]}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
