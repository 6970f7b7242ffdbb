/** A debug file or index that cannot be read; the message says why, for the uploader. */
export class DebugFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DebugFileError';
  }
}
