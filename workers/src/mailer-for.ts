import type { Config } from '../../api/src/config.js';
import { createMailer, type Mailer } from '../../integrations/src/email/mailer.js';

// One mailer per worker process; keyed by the settings so a process (or a test) that changes them gets a new one.
let cached: { key: string; mailer: Mailer } | undefined;

export function mailerFor(settings: Config['mail']): Mailer {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) cached = { key, mailer: createMailer(settings) };
  return cached.mailer;
}
