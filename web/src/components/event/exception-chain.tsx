import { useState } from 'react';
import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { StackTrace } from './stack-trace';

type Exception = NonNullable<EventDetailsFragment['exception']>;

/** The outermost exception first, then its causes, each with its stack trace. */
export function ExceptionChain({ exception }: { exception: Exception }) {
  const [full, setFull] = useState(false);
  // Source-mapped events keep the SDK's minified frames: the toggle shows either.
  const [minified, setMinified] = useState(false);
  const mapped = exception.values.some((v) => v.rawFrames);
  const values = [...exception.values].reverse().map((v) => (minified && v.rawFrames ? { ...v, frames: v.rawFrames } : v));
  const hasSystem = values.some((v) => v.frames.some((f) => !f.inApp) && v.frames.some((f) => f.inApp));
  return (
    <section className="event-section" aria-label="Exception">
      <h3>
        Exception
        {mapped && (
          <span className="button-group" aria-label="Frames">
            <button type="button" className={`small${!minified ? ' active' : ''}`} aria-pressed={!minified} onClick={() => setMinified(false)}>
              Original
            </button>
            <button type="button" className={`small${minified ? ' active' : ''}`} aria-pressed={minified} onClick={() => setMinified(true)}>
              Minified
            </button>
          </span>
        )}
        {hasSystem && (
          <span className="button-group">
            <button type="button" className={`small${!full ? ' active' : ''}`} aria-pressed={!full} onClick={() => setFull(false)}>
              App frames
            </button>
            <button type="button" className={`small${full ? ' active' : ''}`} aria-pressed={full} onClick={() => setFull(true)}>
              Full stack trace
            </button>
          </span>
        )}
      </h3>
      {values.map((value, i) => (
        <div className="exception" key={i}>
          {i > 0 && <div className="faint" style={{ fontSize: '0.85em' }}>Caused by</div>}
          <h4 className="exception-title">{value.type ?? 'Error'}</h4>
          {value.value && <div className="exception-value">{value.value}</div>}
          {value.mechanism && (
            <div className="tags-list" style={{ marginBottom: 8 }}>
              <span className="tag">
                <span className="key">mechanism</span>
                <span>{value.mechanism.type}</span>
              </span>
              {value.mechanism.handled != null && (
                <span className="tag">
                  <span className="key">handled</span>
                  <span>{value.mechanism.handled ? 'yes' : 'no'}</span>
                </span>
              )}
            </div>
          )}
          {value.frames.length > 0 ? <StackTrace frames={value.frames} full={full} /> : <p className="muted">No stack trace.</p>}
        </div>
      ))}
    </section>
  );
}
