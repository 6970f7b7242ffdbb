/**
 * Data behind the inbound filters, kept apart so that a yearly refresh touches one file.
 * Sources: Sentry's documented inbound filters and the lists in its ingestion service (Relay),
 * re-stated here; see inbound-filters.ts for how each list is used.
 */

/**
 * Exception values that only browser extensions, toolbars, ISP proxies or in-app browsers produce.
 * Matched as case-insensitive substrings of each exception's value.
 */
export const EXTENSION_ERROR_MESSAGES: readonly string[] = [
  'top.GLOBALS', // random plugins and extensions
  'originalCreateNotification', // http://blog.errorception.com/2012/03/tale-of-unfindable-js-error.html
  'canvas.contentDocument',
  'MyApp_RemoveAllHighlights',
  'http://tt.epicplay.com',
  "Can't find variable: ZiteReader",
  'jigsaw is not defined',
  'ComboSearch is not defined',
  'http://loading.retry.widdit.com/',
  'atomicFindClose',
  'fb_xd_fragment', // Facebook's cross-domain iframe
  'bmi_SafeAddOnload', // ISP "optimizing" proxies
  'EBCallBackMessageReceived',
  '_gCrWeb', // Chrome on iOS
  'conduitPage', // Conduit toolbar
  "null is not an object (evaluating 'elt.parentNode')", // Google Search app on iOS
  'plugin.setSuspendState is not a function', // Nuance Dragon web extension
  'Extension context invalidated', // an extension's content script outlived its extension
  'webkit-masked-url', // Safari hides extension script URLs behind this scheme
].map((message) => message.toLowerCase());

/** A crashing frame whose `abs_path` (or `filename`) starts with one of these is extension code. */
export const EXTENSION_SOURCE_PREFIXES: readonly string[] = [
  'chrome-extension://',
  'chrome://',
  'moz-extension://',
  'safari-extension://',
  'safari-web-extension://',
  'webkit-masked-url://',
];

/** Third-party scripts injected by extensions or known to fail on their own (substring match). */
export const EXTENSION_SOURCE_FRAGMENTS: readonly string[] = [
  'graph.facebook.com',
  'connect.facebook.net',
  'eatdifferent.com.woopra-ns.com',
  'static.woopra.com/js/woopra.js',
  '127.0.0.1:4001/isrunning', // Cacaoweb
  'webappstoolbarba.texthelp.com/',
  'metrics.itunes.apple.com.edgesuite.net/',
  'kaspersky-labs.com', // Kaspersky's browser protection
];

/**
 * User-Agent fragments of search engines, link previewers, scanners and health checkers, as in
 * Sentry's web-crawler filter (case-insensitive substrings). Sentry filters the Pingdom, Better
 * Uptime, Cloudflare and ELB health checks too; see WEB_CRAWLER_ALLOWED for its exceptions.
 */
export const WEB_CRAWLER_FRAGMENTS: readonly string[] = [
  'mediapartners-google', 'adsbot-google', 'googlebot', 'feedfetcher-google', 'storebot-google',
  'bingbot', 'bingpreview', 'baiduspider', 'slurp', 'sogou', 'facebook', 'meta-', 'ia_archiver',
  'slack', 'calypso appcrawler', 'pingdom', 'lyticsbot', 'aws security scanner', 'hubspot crawler',
  'bytespider', 'better uptime', 'cloudflare-healthchecks', 'gtmetrix', 'brightedgeoncrawl',
  'elb-healthchecker', 'naver.me/spd', 'claudebot', 'ccbot', 'oai-searchbot', 'gptbot',
  'perplexitybot', 'applebot', 'duckduckbot',
];

/** Any "bot" or "spider" product token: `Twitterbot/1.0`, `… bots)`, `SomeSpider;`. */
export const GENERIC_CRAWLER = /bots?(?:[/\s);]|$)|spider(?:[/\s);]|$)/i;

/**
 * Bots Sentry lets through: Slack's message unfurler (it only fetches), Sentry's own uptime
 * checker (the user asked for it) and ChatGPT fetching a page on a person's behalf.
 */
export const WEB_CRAWLER_ALLOWED = /Slackbot\s1\.\d+|SentryUptimeBot|ChatGPT-User/i;

export type BrowserFamily = 'ie' | 'edge' | 'opera-mini' | 'opera' | 'firefox' | 'chrome' | 'android' | 'safari';

/**
 * The first version that is *not* legacy. These are Sentry's legacy-browser cut-offs of February
 * 2024, which follow the browsers Next.js 13/14 supports (Chrome 64, Edge 79, Firefox 67, Opera 51,
 * Safari 12); we keep them rather than Sentry's later, stricter refresh so that only browsers that
 * really mangle errors are dropped. Every Internet Explorer is legacy, as is the Android stock
 * browser up to Android 4 and Opera Mini before 8 (J2ME).
 */
export const LEGACY_BROWSER_MIN_VERSION: Readonly<Record<BrowserFamily, number>> = {
  ie: Number.POSITIVE_INFINITY,
  edge: 79,
  'opera-mini': 8,
  opera: 51,
  firefox: 67,
  chrome: 64,
  android: 5,
  safari: 12,
};

/**
 * Browser detection, first match wins. Order matters: Edge and Opera also send a Chrome token,
 * the Android stock browser and Chrome also send a Safari token. Chrome on iOS (CriOS) reports
 * its Chrome version; Firefox on iOS has no `Firefox/` token and is never considered legacy.
 */
export const BROWSER_PATTERNS: ReadonlyArray<readonly [BrowserFamily, RegExp]> = [
  ['ie', /MSIE (\d+)/],
  ['ie', /Trident\/\d+.*?\brv:(\d+)/],
  ['edge', /\bEdge\/(\d+)/], // EdgeHTML, versions 12–18
  ['edge', /\bEdg(?:A|iOS)?\/(\d+)/], // Chromium Edge
  ['opera-mini', /Opera Mini\/(\d+)/],
  ['opera', /\bOPR\/(\d+)/],
  ['opera', /^Opera\/.*\bVersion\/(\d+)/], // Presto: "Opera/9.80 (…) Version/12.16"
  ['opera', /^Opera[/ ](\d+)/],
  ['firefox', /\bFirefox\/(\d+)/],
  ['chrome', /\b(?:Chrome|CriOS)\/(\d+)/],
  ['android', /\bAndroid (\d+)/], // no Chrome token left: the pre-Chrome stock browser
  ['safari', /\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//],
];
