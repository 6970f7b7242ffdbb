/**
 * What issue lists show: the title, the culprit and the metadata, computed like Sentry's event types
 * (an error event, a message event, or a v11 captureMessage with its synthetic exception).
 */
import type { ExceptionValue, NormalizedEvent, StackFrame } from './event.types.js';
import { truncate } from './normalize-values.js';

const MAX_TITLE_LENGTH = 200;
const MAX_CULPRIT_LENGTH = 200;
const MAX_METADATA_VALUE_LENGTH = 1024;
export const UNLABELED_TITLE = '<unlabeled event>';

export type EventSummary = Pick<NormalizedEvent, 'title' | 'culprit' | 'metadata'>;

export function summarizeEvent(event: Pick<NormalizedEvent, 'exceptions' | 'message' | 'transaction'>): EventSummary {
  const last = event.exceptions.at(-1);
  const frame = last ? crashFrame(last.frames) : undefined;
  const location: EventSummary['metadata'] = {};
  if (frame?.filename ?? frame?.absPath) location.filename = frame?.filename ?? frame?.absPath;
  if (frame?.function) location.function = frame.function;
  const culprit = truncate(event.transaction ?? (frame ? frameCulprit(frame) : ''), MAX_CULPRIT_LENGTH);

  if (last && !last.mechanism?.synthetic) {
    const type = last.type ?? 'Error';
    const metadata: EventSummary['metadata'] = { type, ...location };
    if (last.value !== undefined) metadata.value = truncate(last.value.trim(), MAX_METADATA_VALUE_LENGTH);
    return { title: errorTitle(last, type), culprit, metadata };
  }
  // A message event, or an exception the SDK made up for one: both are titled by the message.
  const text = event.message ?? last?.value;
  const title = text === undefined ? '' : firstLine(text);
  const metadata: EventSummary['metadata'] = { ...location };
  if (text !== undefined && text.trim() !== '') metadata.value = truncate(text.trim(), MAX_METADATA_VALUE_LENGTH);
  return { title: title === '' ? UNLABELED_TITLE : truncate(title, MAX_TITLE_LENGTH), culprit, metadata };
}

/** "TypeError: x is undefined" (the value's first line), or the type alone when there is no value. */
function errorTitle(exception: ExceptionValue, type: string): string {
  const value = exception.value === undefined ? '' : firstLine(exception.value);
  return truncate(value === '' ? type : `${type}: ${value}`, MAX_TITLE_LENGTH);
}

/** The frame that crashed: the newest in-app frame, else the newest frame. */
export function crashFrame(frames: StackFrame[]): StackFrame | undefined {
  return frames.findLast((frame) => frame.inApp) ?? frames.at(-1);
}

/** Sentry's rendering: "module in function", "filename in function", or the location alone. */
export function frameCulprit(frame: StackFrame): string {
  const location = frame.module ?? frame.filename ?? frame.absPath;
  if (location === undefined) return frame.function ?? '';
  return frame.function ? `${location} in ${frame.function}` : location;
}

function firstLine(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.indexOf('\n');
  return end === -1 ? trimmed : trimmed.slice(0, end).trim();
}
