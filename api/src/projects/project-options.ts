/** A project's event-processing settings, stored on the project and applied by the ingest edge (`events/`). */

/** Which of the inbound filters (`events/inbound-filters.ts`) drop events. */
export interface InboundFilterSettings {
  legacyBrowsers: boolean;
  browserExtensions: boolean;
  webCrawlers: boolean;
  localhost: boolean;
  /** Globs matched against "Type: value" of each exception and against the message. */
  errorMessages: string[];
  /** Globs matched against the event's `release`. */
  releases: string[];
}

export const DEFAULT_INBOUND_FILTERS: InboundFilterSettings = {
  legacyBrowsers: false,
  browserExtensions: false,
  webCrawlers: false,
  localhost: false,
  errorMessages: [],
  releases: [],
};

/** How `events/scrub.ts` removes sensitive data. */
export interface ScrubOptions {
  /** Key- and value-based scrubbing. IP removal is a separate switch, as in Sentry. */
  enabled: boolean;
  /** Use the built-in sensitive key list and the credit-card and URL-password rules. */
  scrubDefaults: boolean;
  /** More key substrings to filter (case-insensitive; `-`, `_` and spaces are ignored). */
  sensitiveFields: string[];
  /** Key names that are never scrubbed, with everything under them (case-insensitive, exact). */
  safeFields: string[];
  /** Remove `user.ip_address`, `request.env.REMOTE_ADDR` and client-IP headers. */
  scrubIpAddresses: boolean;
}

/** Sentry's defaults for a new project: scrubbing on, default rules on, IP addresses kept. */
export const DEFAULT_SCRUB_OPTIONS: ScrubOptions = {
  enabled: true,
  scrubDefaults: true,
  sensitiveFields: [],
  safeFields: [],
  scrubIpAddresses: false,
};
