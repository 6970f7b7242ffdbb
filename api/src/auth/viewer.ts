import type { User } from '../users/user.entity.js';
import type { Scope } from './scopes.js';

/** Who is calling: a signed-in user, through a dashboard session or an API token. */
export interface Viewer {
  user: User;
  /** The token's scopes; null for a session, where the member role alone decides. */
  tokenScopes: Scope[] | null;
  sessionId: number | null;
  tokenId: number | null;
}
