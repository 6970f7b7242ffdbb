import type { NormalizedEvent } from '../events/event.types.js';
import { isAppImage } from './native-images.js';
import { DebugImageType } from './native.types.js';
import { parseDebugId } from './debug-id.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** The images of an event's debug_meta for display, each with the status symbolication gave it. */
export function eventDebugImages(debugMeta: NormalizedEvent['debugMeta'] | null): DebugImageType[] {
  return (debugMeta?.images ?? []).map((raw) => {
    const codeFile = text(raw.code_file ?? raw.name);
    return Object.assign(new DebugImageType(), {
      type: text(raw.type) ?? 'unknown',
      codeFile,
      debugId: parseDebugId(raw.debug_id ?? raw.id ?? raw.uuid) ?? text(raw.debug_id),
      codeId: text(raw.code_id),
      arch: text(raw.arch),
      imageAddr: text(raw.image_addr),
      imageSize: text(raw.image_size),
      debugStatus: text(raw.debug_status),
      inApp: codeFile ? isAppImage(codeFile) : false,
    });
  });
}
