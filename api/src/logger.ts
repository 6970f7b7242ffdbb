import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout. Credentials that could reach a log line through a request
 * object are redacted at the source, so no call site has to remember it.
 */
export function createLogger(level: string = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({
    level,
    base: { service: 'vigil' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'password',
        'token',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
