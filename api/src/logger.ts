import { pino } from 'pino';

export type Logger = pino.Logger;

// Credentials that travel in query strings: the legacy Heroku deploy hook's `secret`, DSN keys, tokens.
const URL_SECRETS = /([?&](?:secret|token|sentry_key|sentry_secret|password|access_token)=)[^&#]*/gi;

/** A URL (or path with a query) fit for a log line. */
export function redactUrl(url: unknown): unknown {
  return typeof url === 'string' ? url.replace(URL_SECRETS, '$1[redacted]') : url;
}

/**
 * Structured JSON logs on stdout (or `destination`). Credentials that could reach a log line
 * through a request object or URL are redacted at the source, so no call site has to remember it.
 */
export function createLogger(level: string = process.env.LOG_LEVEL || 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'vigil' },
    serializers: { url: redactUrl },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
