/**
 * The exception interface: its three wire shapes, mechanisms, and a top-level `stacktrace` folded
 * into the exception list (or into a synthetic exception when the event is a message).
 */
import type { ExceptionValue, Mechanism } from './event.types.js';
import { dropUndefined, normalizeStacktrace } from './normalize-frames.js';
import { addError, coerceString, isRecord, readBag, sliceText, type ErrorSink } from './normalize-values.js';

/** Sentry's limit for the exception type; values are kept up to the message size. */
const MAX_TYPE_LENGTH = 256;
const MAX_VALUE_LENGTH = 8192;

/** `{values: [...]}`, a bare array, or a single exception object. Empty entries are dropped. */
export function normalizeExceptions(raw: unknown, errors: ErrorSink): ExceptionValue[] {
  if (raw === undefined || raw === null) return [];
  const rawValues = exceptionList(raw);
  if (rawValues === undefined) {
    addError(errors, 'invalid_data', 'exception', raw);
    return [];
  }
  const exceptions: ExceptionValue[] = [];
  rawValues.forEach((rawValue, index) => {
    const name = `exception.values.${index}`;
    if (rawValue === null || rawValue === undefined) return;
    if (!isRecord(rawValue)) {
      addError(errors, 'invalid_data', name, rawValue);
      return;
    }
    const exception = normalizeException(rawValue, name, errors);
    if (exception.type === undefined && exception.value === undefined && exception.frames.length === 0) {
      // Relay requires a type or a value; a frameless, typeless, valueless entry says nothing.
      addError(errors, 'missing_attribute', name, 'type or value required');
      return;
    }
    exceptions.push(exception);
  });
  return exceptions;
}

function exceptionList(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw;
  if (!isRecord(raw)) return undefined;
  if (Array.isArray(raw.values)) return raw.values;
  if ('values' in raw) return raw.values === null ? [] : undefined;
  // A single exception object (older SDKs, hand-written payloads).
  return [raw];
}

function normalizeException(raw: Record<string, unknown>, name: string, errors: ErrorSink): ExceptionValue {
  const mechanism = normalizeMechanism(raw.mechanism, `${name}.mechanism`, errors);
  let type = readText(raw.type, MAX_TYPE_LENGTH, `${name}.type`, errors);
  let value = readValue(raw.value, `${name}.value`, errors);
  // Like Relay: a typeless "TypeError: boom" is split, unless the SDK made the exception up.
  if (type === undefined && value !== undefined && !mechanism?.synthetic) {
    const match = /^(\w+):(?:\s+([\s\S]*))?$/.exec(value);
    if (match?.[1] !== undefined) {
      type = match[1];
      value = match[2] || undefined;
    }
  }
  return dropUndefined({
    type,
    value,
    module: readText(raw.module, MAX_TYPE_LENGTH, `${name}.module`, errors),
    mechanism,
    frames: normalizeStacktrace(raw.stacktrace, `${name}.stacktrace`, errors),
    instructionAddrAdjustment: addressAdjustment(raw.stacktrace),
  });
}

/** Native stacks may say which frames hold return addresses (symbolication adjusts those). */
function addressAdjustment(stacktrace: unknown): string | undefined {
  const value = isRecord(stacktrace) ? stacktrace.instruction_addr_adjustment : undefined;
  return typeof value === 'string' && ['auto', 'all_but_first', 'all', 'none'].includes(value) ? value : undefined;
}

function normalizeMechanism(raw: unknown, name: string, errors: ErrorSink): Mechanism | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  // `type` is required by the protocol; "generic" is what SDKs use when they have nothing better.
  const type = coerceString(raw.type)?.trim() || 'generic';
  return dropUndefined({
    type,
    handled: typeof raw.handled === 'boolean' ? raw.handled : undefined,
    synthetic: raw.synthetic === true ? true : undefined,
    data: readBag(raw.data, `${name}.data`, errors),
  });
}

/**
 * A top-level `stacktrace` belongs to the last (outermost) exception when it has no frames of its
 * own; on a message event it becomes a synthetic exception, the shape v11's captureMessage sends.
 */
export function attachTopLevelStacktrace(
  exceptions: ExceptionValue[],
  raw: unknown,
  message: string | undefined,
  errors: ErrorSink,
): ExceptionValue[] {
  if (raw === undefined || raw === null) return exceptions;
  const frames = normalizeStacktrace(raw, 'stacktrace', errors);
  if (frames.length === 0) return exceptions;
  const last = exceptions.at(-1);
  if (last === undefined) {
    const synthetic: ExceptionValue = { mechanism: { type: 'generic', synthetic: true }, frames };
    if (message !== undefined) synthetic.value = message;
    return [synthetic];
  }
  if (last.frames.length > 0) {
    addError(errors, 'invalid_data', 'stacktrace', 'ignored: the exception has its own stacktrace');
    return exceptions;
  }
  return [...exceptions.slice(0, -1), { ...last, frames }];
}

function readText(raw: unknown, max: number, name: string, errors: ErrorSink): string | undefined {
  const text = coerceString(raw);
  if (text === undefined || text.trim() === '') {
    if (raw !== undefined && raw !== null && raw !== '') addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  if (text.length <= max) return text;
  addError(errors, 'value_too_long', name);
  return sliceText(text, max);
}

/** Exception values are usually strings; some SDKs send objects, which are kept as JSON. */
function readValue(raw: unknown, name: string, errors: ErrorSink): string | undefined {
  if (isRecord(raw) || Array.isArray(raw)) return readText(JSON.stringify(raw), MAX_VALUE_LENGTH, name, errors);
  return readText(raw, MAX_VALUE_LENGTH, name, errors);
}
