import { isIP } from 'node:net';
import path from 'node:path';

export interface LoginLimits {
  /** `VIGIL_LOGIN_WINDOW_SECONDS` (900): the sliding window failures are counted in. */
  windowSeconds: number;
  /** `VIGIL_LOGIN_MAX_FAILURES_PER_EMAIL` (10): guesses at one account's password. */
  perEmail: number;
  /** `VIGIL_LOGIN_MAX_FAILURES_PER_IP` (50): one address trying many accounts. */
  perIp: number;
}

export interface StorageConfig {
  /** `VIGIL_STORAGE_BACKEND`: `filesystem` (default) or `s3`. */
  backend: 'filesystem' | 's3';
  /** `VIGIL_STORAGE_PATH` (`<dataDir>/artifacts`): the filesystem backend's directory. */
  path: string;
  s3: {
    /** `VIGIL_STORAGE_ENDPOINT`: an S3-compatible endpoint; unset means AWS. */
    endpoint: string | null;
    /** `VIGIL_STORAGE_BUCKET`. */
    bucket: string;
    /** `VIGIL_STORAGE_REGION` (`us-east-1`). */
    region: string;
    /** `VIGIL_STORAGE_ACCESS_KEY_ID` / `VIGIL_STORAGE_SECRET_ACCESS_KEY`; unset: the AWS SDK's default chain. */
    accessKeyId: string | null;
    secretAccessKey: string | null;
    /** `VIGIL_STORAGE_FORCE_PATH_STYLE` (true): `endpoint/bucket/key` URLs. */
    forcePathStyle: boolean;
    /** `VIGIL_STORAGE_PREFIX`: key prefix inside the bucket. */
    prefix: string;
    /** `VIGIL_STORAGE_TIMEOUT_MS` (5000): one S3 request's budget. */
    timeoutMs: number;
  };
  cache: {
    /** `VIGIL_STORAGE_CACHE_PATH` (`<dataDir>/storage-cache`): local copies of S3 objects. */
    path: string;
    /** `VIGIL_STORAGE_CACHE_MAX_BYTES` (1 GiB). */
    maxBytes: number;
    /** `VIGIL_STORAGE_CACHE_FRESH_SECONDS` (300): copies younger than this are served without asking S3. */
    freshSeconds: number;
  };
}

/** Fastify's `trustProxy`: nothing, everything, a hop count, or the proxies' addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

/** Runtime settings, read once from the environment. Nothing secret is logged from here. */
export interface Config {
  host: string;
  port: number;
  /** Public base URL used in DSNs and links (`VIGIL_URL`), defaults to the listen address. */
  publicUrl: string;
  /** `DATABASE_URL`; when unset Vigil runs an embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  queue: {
    /** A job still running after this long is considered lost (worker died) and retried. */
    jobTimeoutSeconds: number;
    /** How often the queue supervisor looks for lost jobs. */
    maintenanceIntervalSeconds: number;
    pollingIntervalSeconds: number;
  };
  ingest: {
    /** `VIGIL_INGEST_QUEUE_MAX_BYTES`: queued envelope bytes past which the edge answers 429 (SDKs back off). */
    queueMaxBytes: number;
  };
  events: {
    /** `VIGIL_RETENTION_DAYS` (90): weekly event partitions wholly older than this are dropped. */
    retentionDays: number;
    /** `VIGIL_MAX_EVENTS_PER_ISSUE` (unset: no cap): an issue keeps its newest N events; counts stay exact. */
    maxEventsPerIssue: number | null;
  };
  /** `VIGIL_METRICS_TOKEN`: when set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Lifetime of a dashboard session cookie. */
  sessionTtlDays: number;
  /** `VIGIL_STATEMENT_TIMEOUT_MS`: no SQL statement of the web process runs longer (0: no limit). */
  statementTimeoutMs: number;
  /** `VIGIL_WORKER_STATEMENT_TIMEOUT_MS`: the same for workers, whose batches may need longer. */
  workerStatementTimeoutMs: number;
  /** Failed `login`s allowed per email and per client IP within the window, shared by all web processes. */
  login: LoginLimits;
  /**
   * `VIGIL_TRUST_PROXY`: whose `X-Forwarded-For` decides the client IP. Default false: the socket's
   * peer, so clients cannot forge their IP (rate limits, `{{auto}}` user IPs).
   */
  trustProxy: TrustProxy;
  /**
   * `VIGIL_SECRET_KEY`: encrypts stored credentials (per-organization GitHub tokens). Unset: a
   * random key kept in `<dataDir>/secret.key`, created on first use.
   */
  secretKey: string | null;
  /** Set `secure` on cookies; on automatically when the public URL is https. */
  secureCookies: boolean;
  native: {
    /** `VIGIL_HELD_EVENT_MAX_AGE_DAYS` (10): held native events waiting for debug files longer are dropped. */
    heldEventMaxAgeDays: number;
    /** `VIGIL_HELD_EVENT_EXPIRY_INTERVAL_SECONDS` (3600): how often the workers sweep expired held events. */
    heldEventExpiryIntervalSeconds: number;
  };
  /** The GitHub REST API, which resolves release commit ranges of connected GitHub repositories. */
  github: {
    /** `GITHUB_API_URL`: `https://api.github.com`, or a GitHub Enterprise `https://host/api/v3`. */
    apiUrl: string;
    /**
     * `GITHUB_TOKEN`, the installation's token: used only for repositories whose webhook has
     * delivered a verified event (proof the organization controls them) and that have no token of their own.
     */
    token: string | null;
  };
  /** Artifact storage (source maps, bundles, debug files): see `storage/create-blob-store.ts`. */
  storage: StorageConfig;
  /** The Slack app (docs/slack.md): both secrets set turns `POST /slack/events` and alert messages on. */
  slack: {
    /** `SLACK_BOT_TOKEN` (`xoxb-…`): the bot's token for the Web API. */
    botToken: string | null;
    /** `SLACK_SIGNING_SECRET`: verifies that requests to `/slack/events` come from Slack. */
    signingSecret: string | null;
    /** `SLACK_API_URL`: the Web API base, `https://slack.com/api/`. */
    apiUrl: string;
  };
  /** Outgoing webhooks (service hooks). */
  webhooks: {
    /** `VIGIL_WEBHOOKS_ALLOW_PRIVATE=1`: allow loopback, private and link-local targets (tests, trusted networks). */
    allowPrivate: boolean;
  };
  /** `VIGIL_SOURCEMAP_CACHE_BYTES` (256 MiB): memory bound of the parsed source maps a process keeps. */
  sourceMapCacheBytes: number;
  mail: {
    /** `SMTP_URL`, e.g. `smtp://user:pass@mail.example:587`; when unset, mail goes to `outboxDir` as .eml files. */
    smtpUrl: string | undefined;
    /** `MAIL_FROM`, the sender of every email. */
    from: string;
    /** `<dataDir>/mail`: the local outbox, listed in the dashboard when no SMTP server is set. */
    outboxDir: string;
  };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  }
  return value;
}

const CIDR = /^(.+)\/(\d{1,3})$/;

function isAddressOrCidr(value: string): boolean {
  const cidr = CIDR.exec(value);
  if (!cidr) return isIP(value) !== 0;
  const version = isIP(cidr[1]!);
  return version !== 0 && Number(cidr[2]) <= (version === 4 ? 32 : 128);
}

/** `true`/`false`, a hop count, or comma-separated IPs/CIDRs, as Fastify's `trustProxy` takes them. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new Error(`VIGIL_TRUST_PROXY must be true, false, a hop count or comma-separated IPs/CIDRs, got "${bad ?? raw}"`);
  }
  return entries;
}

/** The value for Fastify's `trustProxy` (whose types omit the hop count it accepts). */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = intFromEnv(env, 'PORT', 8000);
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (env.VIGIL_URL || `http://${displayHost}:${port}`).replace(/\/+$/, '');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  const dataDir = path.resolve(env.VIGIL_DATA_DIR || '.vigil');
  const jobTimeoutSeconds = intFromEnv(env, 'VIGIL_JOB_TIMEOUT_SECONDS', 300);
  return {
    host,
    port,
    publicUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    logLevel,
    queue: {
      jobTimeoutSeconds,
      maintenanceIntervalSeconds: intFromEnv(env, 'VIGIL_QUEUE_MAINTENANCE_SECONDS', 30),
      pollingIntervalSeconds: Math.max(0.5, intFromEnv(env, 'VIGIL_QUEUE_POLL_MS', 500) / 1000),
    },
    ingest: { queueMaxBytes: intFromEnv(env, 'VIGIL_INGEST_QUEUE_MAX_BYTES', 512 * 1024 * 1024) },
    events: {
      retentionDays: Math.max(1, intFromEnv(env, 'VIGIL_RETENTION_DAYS', 90)),
      maxEventsPerIssue: intFromEnv(env, 'VIGIL_MAX_EVENTS_PER_ISSUE', 0) || null,
    },
    metricsToken: env.VIGIL_METRICS_TOKEN || null,
    sessionTtlDays: intFromEnv(env, 'VIGIL_SESSION_TTL_DAYS', 30),
    native: {
      heldEventMaxAgeDays: intFromEnv(env, 'VIGIL_HELD_EVENT_MAX_AGE_DAYS', 10),
      heldEventExpiryIntervalSeconds: Math.max(1, intFromEnv(env, 'VIGIL_HELD_EVENT_EXPIRY_INTERVAL_SECONDS', 3600)),
    },
    statementTimeoutMs: intFromEnv(env, 'VIGIL_STATEMENT_TIMEOUT_MS', 15_000),
    // A statement outliving its job is pointless: the job is retried by then.
    workerStatementTimeoutMs: intFromEnv(env, 'VIGIL_WORKER_STATEMENT_TIMEOUT_MS', jobTimeoutSeconds * 1000),
    login: {
      windowSeconds: Math.max(1, intFromEnv(env, 'VIGIL_LOGIN_WINDOW_SECONDS', 900)),
      perEmail: Math.max(1, intFromEnv(env, 'VIGIL_LOGIN_MAX_FAILURES_PER_EMAIL', 10)),
      perIp: Math.max(1, intFromEnv(env, 'VIGIL_LOGIN_MAX_FAILURES_PER_IP', 50)),
    },
    trustProxy: parseTrustProxy(env.VIGIL_TRUST_PROXY),
    secretKey: env.VIGIL_SECRET_KEY || null,
    secureCookies: publicUrl.startsWith('https://'),
    github: {
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      token: env.GITHUB_TOKEN || null,
    },
    storage: storageConfig(env, dataDir),
    slack: {
      botToken: env.SLACK_BOT_TOKEN || null,
      signingSecret: env.SLACK_SIGNING_SECRET || null,
      apiUrl: `${(env.SLACK_API_URL || 'https://slack.com/api/').replace(/\/+$/, '')}/`,
    },
    webhooks: { allowPrivate: env.VIGIL_WEBHOOKS_ALLOW_PRIVATE === '1' || env.VIGIL_WEBHOOKS_ALLOW_PRIVATE === 'true' },
    sourceMapCacheBytes: Math.max(1024 * 1024, intFromEnv(env, 'VIGIL_SOURCEMAP_CACHE_BYTES', 256 * 1024 * 1024)),
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM || 'Vigil <vigil@localhost>',
      outboxDir: path.join(dataDir, 'mail'),
    },
  };
}

function storageConfig(env: NodeJS.ProcessEnv, dataDir: string): StorageConfig {
  const backend = env.VIGIL_STORAGE_BACKEND || 'filesystem';
  if (backend !== 'filesystem' && backend !== 's3') throw new Error(`VIGIL_STORAGE_BACKEND must be filesystem or s3, got "${backend}"`);
  const bucket = env.VIGIL_STORAGE_BUCKET || '';
  if (backend === 's3' && !bucket) throw new Error('VIGIL_STORAGE_BACKEND=s3 needs VIGIL_STORAGE_BUCKET');
  return {
    backend,
    path: path.resolve(env.VIGIL_STORAGE_PATH || path.join(dataDir, 'artifacts')),
    s3: {
      endpoint: env.VIGIL_STORAGE_ENDPOINT || null,
      bucket,
      region: env.VIGIL_STORAGE_REGION || 'us-east-1',
      accessKeyId: env.VIGIL_STORAGE_ACCESS_KEY_ID || null,
      secretAccessKey: env.VIGIL_STORAGE_SECRET_ACCESS_KEY || null,
      forcePathStyle: (env.VIGIL_STORAGE_FORCE_PATH_STYLE || 'true').toLowerCase() !== 'false',
      prefix: env.VIGIL_STORAGE_PREFIX || '',
      timeoutMs: Math.max(1, intFromEnv(env, 'VIGIL_STORAGE_TIMEOUT_MS', 5000)),
    },
    cache: {
      path: path.resolve(env.VIGIL_STORAGE_CACHE_PATH || path.join(dataDir, 'storage-cache')),
      maxBytes: intFromEnv(env, 'VIGIL_STORAGE_CACHE_MAX_BYTES', 1024 * 1024 * 1024),
      freshSeconds: intFromEnv(env, 'VIGIL_STORAGE_CACHE_FRESH_SECONDS', 300),
    },
  };
}
