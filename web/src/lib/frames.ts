/** A frame as the stack trace view needs it (the generated Frame type, loosely). */
export interface FrameLike {
  inApp: boolean;
  filename?: string | null;
  absPath?: string | null;
  function?: string | null;
  module?: string | null;
  lineno?: number | null;
  colno?: number | null;
  package?: string | null;
  instructionAddr?: string | null;
}

export type FrameGroup<F extends FrameLike> =
  | { kind: 'app'; frame: F; index: number }
  | { kind: 'system'; frames: { frame: F; index: number }[] };

/**
 * Frames newest first (SDKs send the crashing frame last), with runs of system frames folded
 * into one group each, so the application's own code stands out. A trace without any in-app
 * frame keeps every frame visible (there would be nothing else to show).
 */
export function groupFrames<F extends FrameLike>(frames: readonly F[], options: { newestFirst?: boolean } = {}): FrameGroup<F>[] {
  const indexed = frames.map((frame, index) => ({ frame, index }));
  const ordered = options.newestFirst === false ? indexed : [...indexed].reverse();
  if (!frames.some((f) => f.inApp)) return ordered.map(({ frame, index }) => ({ kind: 'app', frame, index }));
  const groups: FrameGroup<F>[] = [];
  for (const entry of ordered) {
    const last = groups[groups.length - 1];
    if (entry.frame.inApp) groups.push({ kind: 'app', ...entry });
    else if (last?.kind === 'system') last.frames.push(entry);
    else groups.push({ kind: 'system', frames: [entry] });
  }
  return groups;
}

/** "cart.js in addItem at line 42:13" as Sentry writes it. */
export function frameLocation(frame: FrameLike): { file: string; fn: string | null; line: string | null } {
  // An unsymbolicated native frame is known only by its image and address.
  const image = frame.package ? frame.package.split('/').pop() : null;
  const file = frame.filename || frame.absPath || frame.module || (image && frame.instructionAddr ? `${image} ${frame.instructionAddr}` : image || frame.instructionAddr) || '<unknown>';
  const line = frame.lineno != null ? (frame.colno != null ? `${frame.lineno}:${frame.colno}` : String(frame.lineno)) : null;
  // SDKs write "?" for functions without a name.
  const fn = frame.function === '?' ? '<anonymous>' : frame.function || null;
  return { file, fn, line };
}
