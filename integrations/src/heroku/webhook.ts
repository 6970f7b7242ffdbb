import { createHmac, timingSafeEqual } from 'node:crypto';

/** A Heroku deploy, from an app webhook (`api:release`) or the legacy HTTP deploy hook. */
export interface HerokuDeploy {
  app: string | null;
  /** The deployed commit (`head_long`, or the release slug's commit). */
  commit: string;
  /** The commit deployed before, when Heroku says (legacy hook `prev_head`). */
  previousCommit: string | null;
  userEmail: string | null;
  url: string | null;
}

/** `Heroku-Webhook-Hmac-SHA256`: base64 HMAC-SHA256 of the raw body with the shared secret. */
export function verifyHerokuSignature(secret: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * An `api:release` app webhook. Only a finished (`succeeded`) release with a commit is a deploy;
 * anything else (pending releases, config changes) returns null.
 */
export function parseHerokuReleaseWebhook(payload: unknown): HerokuDeploy | null {
  const body = (payload ?? {}) as { resource?: string; action?: string; data?: Record<string, unknown> };
  if (body.resource !== 'release' || !body.data) return null;
  const data = body.data as {
    status?: string;
    slug?: { commit?: string } | null;
    app?: { name?: string };
    user?: { email?: string };
    actor?: { email?: string };
    output_stream_url?: string;
  };
  if (data.status !== 'succeeded') return null;
  const commit = data.slug?.commit;
  if (!commit || !SHA.test(commit)) return null;
  return {
    app: data.app?.name ?? null,
    commit,
    previousCommit: null,
    userEmail: data.user?.email ?? data.actor?.email ?? null,
    url: data.app?.name ? `https://${data.app.name}.herokuapp.com` : null,
  };
}

/** The legacy HTTP deploy hook: a form with app, user, url, head, head_long, prev_head, git_log, release. */
export function parseHerokuDeployHook(form: Record<string, string | undefined>): HerokuDeploy | null {
  const commit = form.head_long ?? form.head;
  if (!commit || !SHA.test(commit)) return null;
  const previous = form.prev_head && SHA.test(form.prev_head) ? form.prev_head : null;
  return { app: form.app ?? null, commit, previousCommit: previous, userEmail: form.user ?? null, url: form.url ?? null };
}
