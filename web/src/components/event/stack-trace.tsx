import { useState } from 'react';
import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { frameLocation, groupFrames } from '../../lib/frames';
import { KeyValueTable, objectRows } from './key-value';

type ExceptionValue = NonNullable<EventDetailsFragment['exception']>['values'][number];
type Frame = ExceptionValue['frames'][number];

/**
 * Frames newest first. The crashing in-app frame is open with its source context, the other
 * frames folded (one click opens each); runs of system frames fold into a "Show N system
 * frames" toggle; `full` shows and opens everything.
 */
export function StackTrace({ frames, full }: { frames: readonly Frame[]; full: boolean }) {
  const groups = groupFrames(frames);
  const crashing = groups.find((group) => group.kind === 'app');
  return (
    <div className="frames">
      {groups.map((group) =>
        group.kind === 'app' ? (
          <FrameView key={group.index} frame={group.frame} initiallyOpen={full || group === crashing} />
        ) : (
          <SystemFrames key={group.frames[0]!.index} frames={group.frames.map((f) => f.frame)} full={full} />
        ),
      )}
    </div>
  );
}

function SystemFrames({ frames, full }: { frames: Frame[]; full: boolean }) {
  const [open, setOpen] = useState(false);
  if (full || open) {
    return (
      <>
        {!full && (
          <button type="button" className="system-toggle" aria-expanded onClick={() => setOpen(false)}>
            Hide {frames.length} system frame{frames.length === 1 ? '' : 's'}
          </button>
        )}
        {frames.map((frame, i) => (
          <FrameView key={i} frame={frame} initiallyOpen={false} />
        ))}
      </>
    );
  }
  return (
    <button type="button" className="system-toggle" aria-expanded={false} onClick={() => setOpen(true)}>
      Show {frames.length} system frame{frames.length === 1 ? '' : 's'}
    </button>
  );
}

/** Why a native frame has no name: what symbolication found for it. */
const FRAME_STATUS: Record<string, string> = {
  missing_symbol: 'no symbol at this address',
  unknown_image: 'unknown image',
  missing: 'debug file missing',
  malformed: 'debug file unreadable',
};

function FrameView({ frame, initiallyOpen }: { frame: Frame; initiallyOpen: boolean }) {
  const hasContext = frame.contextLine != null || (!!frame.vars && Object.keys(frame.vars).length > 0);
  const [open, setOpen] = useState(initiallyOpen && hasContext);
  const { file, fn, line } = frameLocation(frame);
  return (
    <div className={`frame ${frame.inApp ? 'in-app' : 'system'}`} data-in-app={frame.inApp}>
      <button type="button" className="frame-header" aria-expanded={open} disabled={!hasContext} onClick={() => setOpen(!open)}>
        <span className="file">{file}</span>
        {fn && (
          <>
            <span className="faint"> in </span>
            <span className="fn">{fn}</span>
          </>
        )}
        {line && (
          <>
            <span className="faint"> at line </span>
            {line}
          </>
        )}
        {frame.symbolicatorStatus && frame.symbolicatorStatus !== 'symbolicated' && (
          <span className="badge frame-status" data-status={frame.symbolicatorStatus} style={{ marginLeft: 'auto' }}>
            {FRAME_STATUS[frame.symbolicatorStatus] ?? frame.symbolicatorStatus}
          </span>
        )}
        {!frame.inApp && <span className="badge" style={{ marginLeft: frame.symbolicatorStatus && frame.symbolicatorStatus !== 'symbolicated' ? 4 : 'auto' }}>system</span>}
      </button>
      {open && <FrameContext frame={frame} />}
    </div>
  );
}

function FrameContext({ frame }: { frame: Frame }) {
  const pre = frame.preContext ?? [];
  const post = frame.postContext ?? [];
  const first = (frame.lineno ?? pre.length + 1) - pre.length;
  const lines = [...pre.map((text) => ({ text, current: false })), ...(frame.contextLine != null ? [{ text: frame.contextLine, current: true }] : []), ...post.map((text) => ({ text, current: false }))];
  return (
    <>
      {lines.length > 0 && (
        <pre className="context" tabIndex={0} aria-label={`Source around line ${frame.lineno ?? '?'}`}>
          {lines.map((l, i) => (
            <div key={i} className={`line${l.current ? ' current' : ''}`}>
              <span className="lineno">{first + i}</span>
              <code>{l.text}</code>
            </div>
          ))}
        </pre>
      )}
      {frame.vars && Object.keys(frame.vars).length > 0 && (
        <div className="frame-vars">
          <KeyValueTable rows={objectRows(frame.vars)} label="Local variables" />
        </div>
      )}
    </>
  );
}
