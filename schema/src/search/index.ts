/**
 * The issue search language, shared by the server (parse, then SQL in api/src/issues/search/) and
 * the dashboard (suggestions and errors as you type in web/src/lib/search-language.ts), so the
 * two cannot drift. Pure and dependency-free: nothing here may import outside this folder.
 */
export { formatSearchQuery } from './format-search-query.js';
export { parseSearchQuery } from './parse-search-query.js';
export { scanSearchQuery, type ScanOptions, type SearchTerm, type SearchValue } from './scan-search-query.js';
export { SearchQueryError } from './search-query-error.js';
export { findSearchKey, SEARCH_KEYS, type BuiltinSearchKey, type SearchKeyInfo, type SearchKeyType } from './search-keys.js';
export { isEventId } from './search-query.js';
export type { IssueStatusValue, LevelValue, NumericOperator, SearchFilter, SearchQuery } from './search-query.js';
