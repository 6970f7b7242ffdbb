import path from 'node:path';

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
  /** `VIGIL_METRICS_TOKEN`: when set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Lifetime of a dashboard session cookie. */
  sessionTtlDays: number;
  /** `VIGIL_STATEMENT_TIMEOUT_MS`: no SQL statement of the web process runs longer (0: no limit). */
  statementTimeoutMs: number;
  /** `VIGIL_WORKER_STATEMENT_TIMEOUT_MS`: the same for workers, whose batches may need longer. */
  workerStatementTimeoutMs: number;
  /** Set `secure` on cookies; on automatically when the public URL is https. */
  secureCookies: boolean;
  /** The GitHub REST API, which resolves release commit ranges of connected GitHub repositories. */
  github: {
    /** `GITHUB_API_URL`: `https://api.github.com`, or a GitHub Enterprise `https://host/api/v3`. */
    apiUrl: string;
    /** `GITHUB_TOKEN`, needed for private repositories (and higher rate limits). */
    token: string | null;
  };
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
    metricsToken: env.VIGIL_METRICS_TOKEN || null,
    sessionTtlDays: intFromEnv(env, 'VIGIL_SESSION_TTL_DAYS', 30),
    statementTimeoutMs: intFromEnv(env, 'VIGIL_STATEMENT_TIMEOUT_MS', 15_000),
    // A statement outliving its job is pointless: the job is retried by then.
    workerStatementTimeoutMs: intFromEnv(env, 'VIGIL_WORKER_STATEMENT_TIMEOUT_MS', jobTimeoutSeconds * 1000),
    secureCookies: publicUrl.startsWith('https://'),
    github: {
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      token: env.GITHUB_TOKEN || null,
    },
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM || 'Vigil <vigil@localhost>',
      outboxDir: path.join(dataDir, 'mail'),
    },
  };
}
