/** A malformed query: what is wrong and where, so the search bar can mark the spot. */
export class SearchQueryError extends Error {
  constructor(
    /** What went wrong, without the location. */
    readonly reason: string,
    /** 0-based offset into the query, for highlighting in the search bar. */
    readonly position: number,
  ) {
    super(`${reason} at column ${position + 1}`);
    this.name = 'SearchQueryError';
  }
}
