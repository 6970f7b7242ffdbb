/**
 * The message of an event: `logentry` ({message, params, formatted}) or the legacy `message`, which is
 * a plain string (@sentry/node captureMessage) or the same object shape.
 */
import type { NormalizedEvent } from './event.types.js';
import { addError, coerceString, isRecord, truncate, type ErrorSink } from './normalize-values.js';

/** Sentry's limit for a message; longer ones are truncated. */
const MAX_MESSAGE_LENGTH = 8192;

export type NormalizedMessage = Pick<NormalizedEvent, 'message' | 'logentry'>;

/** `logentry` wins over `message` when both are sent, as in Relay. */
export function normalizeMessage(rawLogentry: unknown, rawMessage: unknown, errors: ErrorSink): NormalizedMessage {
  const fromLogentry = readLogentry(rawLogentry, 'logentry', errors);
  if (fromLogentry) return fromLogentry;
  if (isRecord(rawMessage)) return readLogentry(rawMessage, 'message', errors) ?? {};
  const text = rawMessage === undefined || rawMessage === null ? undefined : coerceString(rawMessage);
  if (text === undefined) {
    if (rawMessage !== undefined && rawMessage !== null) addError(errors, 'invalid_data', 'message', rawMessage);
    return {};
  }
  if (text.trim() === '') return {};
  const message = bound(text, 'message', errors);
  return { message, logentry: { message } };
}

function readLogentry(raw: unknown, name: string, errors: ErrorSink): NormalizedMessage | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  const template = coerceString(raw.message);
  const sentFormatted = coerceString(raw.formatted);
  if ((template === undefined || template.trim() === '') && (sentFormatted === undefined || sentFormatted.trim() === '')) {
    addError(errors, 'missing_attribute', `${name}.message`);
    return undefined;
  }
  const params = Array.isArray(raw.params) || isRecord(raw.params) ? raw.params : undefined;
  const formatted = sentFormatted ?? (template !== undefined && params !== undefined ? formatParams(template, params) : undefined);
  const logentry: NonNullable<NormalizedMessage['logentry']> = {
    message: bound(template ?? sentFormatted ?? '', `${name}.message`, errors),
  };
  // The type keeps positional params only; named (object) params are applied, then dropped.
  if (Array.isArray(params)) logentry.params = params;
  if (formatted !== undefined && formatted !== logentry.message) {
    logentry.formatted = bound(formatted, `${name}.formatted`, errors);
  }
  return { message: logentry.formatted ?? logentry.message, logentry };
}

/**
 * printf-style formatting as Sentry applies it to logentry: `%s` (and `%d`, `%i`, `%f`) take the
 * next positional param, `%(name)s` a named one, `%%` is a literal percent. Missing params leave the
 * placeholder as written.
 */
export function formatParams(template: string, params: unknown[] | Record<string, unknown>): string {
  let next = 0;
  return template.replace(/%(?:\(([^)]*)\))?([sdif%])/g, (placeholder, key: string | undefined, kind: string) => {
    if (kind === '%') return '%';
    if (key !== undefined) {
      return !Array.isArray(params) && key in params ? paramText(params[key]) : placeholder;
    }
    if (!Array.isArray(params) || next >= params.length) return placeholder;
    return paramText(params[next++]);
  });
}

function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

function bound(text: string, name: string, errors: ErrorSink): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  addError(errors, 'value_too_long', name);
  return truncate(text, MAX_MESSAGE_LENGTH);
}
