/**
 * The event as Vigil stores and serves it: Sentry's protocol, normalized. Field names are
 * camelCase; payloads keep Sentry's meaning (see the Sentry event payload docs).
 */
export type Level = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

export interface StackFrame {
  filename?: string;
  absPath?: string;
  module?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  /** Whether the frame is the application's own code (SDK's `in_app`, defaulted when missing). */
  inApp: boolean;
  contextLine?: string;
  preContext?: string[];
  postContext?: string[];
  vars?: Record<string, unknown>;
  package?: string;
  platform?: string;
  instructionAddr?: string;
  symbolAddr?: string;
  imageAddr?: string;
  /** Native: `abs` (default) or `rel:<image index>` / `rel:<debug id>`. */
  addrMode?: string;
  /** Native: the mangled linkage name (`symbol`), when symbolication found one. */
  symbol?: string;
  /** How the SDK's unwinder found the frame (`cfi`, `scan`, …). */
  trust?: string;
  /** Native: symbolication's answer for this frame (`symbolicated`, `missing_symbol`, `unknown_image`, `missing`, `malformed`). */
  symbolicatorStatus?: string;
}

export interface Mechanism {
  type: string;
  handled?: boolean;
  /** The SDK made this exception up (v11 captureMessage): group and title it as a message. */
  synthetic?: boolean;
  data?: Record<string, unknown>;
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  mechanism?: Mechanism;
  /** Frames oldest → newest: the crashing frame is the last one. */
  frames: StackFrame[];
  /** Native: which frames hold return addresses (`auto`, `all_but_first`, `all`, `none`). */
  instructionAddrAdjustment?: string;
  /** The frames as the SDK sent them, when processing (source maps, symbolication) rewrote `frames`. */
  rawFrames?: StackFrame[];
}

/** Why processing (source maps, symbols) could not do all it should for a file; shown with what to upload. */
export interface SourceProcessingError {
  /** e.g. `js_no_source`, `js_invalid_source`, `js_missing_sources_content`. */
  type: string;
  /** The file concerned (a minified file, a map or an original source). */
  file?: string;
  detail?: string;
}

export interface Breadcrumb {
  timestamp?: number;
  type?: string;
  category?: string;
  message?: string;
  level?: string;
  data?: Record<string, unknown>;
}

export interface RequestInfo {
  method?: string;
  url?: string;
  queryString?: string;
  headers: [string, string][];
  cookies?: string;
  data?: unknown;
  env?: Record<string, unknown>;
}

export interface EventUser {
  id?: string;
  email?: string;
  username?: string;
  ipAddress?: string;
  name?: string;
  data?: Record<string, unknown>;
}

export interface SdkInfo {
  name: string;
  version: string;
  integrations?: string[];
  packages?: { name: string; version: string }[];
}

export interface ProcessingError {
  /** e.g. "invalid_data", "invalid_attribute". */
  type: string;
  name?: string;
  value?: unknown;
}

export interface NormalizedEvent {
  /** 32 lower-case hex characters (no hyphens). */
  eventId: string;
  /** When it happened, epoch seconds (float). */
  timestamp: number;
  /** When Vigil accepted it, epoch seconds (float). */
  receivedAt: number;
  platform: string;
  level: Level;
  logger?: string;
  transaction?: string;
  serverName?: string;
  release?: string;
  dist?: string;
  /** Defaults to "production", as in Sentry. */
  environment: string;
  /** The formatted message (`logentry.formatted`, else `logentry.message` with params, else `message`). */
  message?: string;
  logentry?: { message: string; params?: unknown[]; formatted?: string };
  /** Sentry order: the last value is the outermost (most recent) exception; causes come first. */
  exceptions: ExceptionValue[];
  breadcrumbs: Breadcrumb[];
  contexts: Record<string, Record<string, unknown>>;
  /** Tag pairs, including derived ones (level, environment, release, browser, os, url, …). */
  tags: [string, string][];
  user?: EventUser;
  request?: RequestInfo;
  sdk?: SdkInfo;
  /** The SDK's fingerprint, when it sent one (may contain "{{ default }}"). */
  fingerprint?: string[];
  extra: Record<string, unknown>;
  modules?: Record<string, string>;
  debugMeta?: { images: Record<string, unknown>[]; sdkInfo?: Record<string, unknown> };
  /** "TypeError: x is undefined", or the message. */
  title: string;
  /** Where it happened: the transaction, else the crashing in-app frame ("app/cart in addItem"). */
  culprit: string;
  /** Summary fields for issue lists. */
  metadata: { type?: string; value?: string; filename?: string; function?: string };
  /** What normalization had to drop or fix. */
  errors: ProcessingError[];
  /** What processing (source maps) could not do, one entry per file and kind. */
  processingErrors?: SourceProcessingError[];
}
