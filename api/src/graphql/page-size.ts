/** Relay connection page sizes (`first`), shared by the connections and the query cost rule. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
