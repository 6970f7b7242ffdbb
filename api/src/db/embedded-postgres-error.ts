/** A failure of the embedded PostgreSQL, worded for the person who ran Vigil: one sentence, no stack. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}
