import type { Scope } from './scopes.js';

/** The signed-in person, as much as authorization and display need (the users domain's row has this shape). */
export interface ViewerUser {
  id: number;
  email: string;
  name: string;
  dateCreated: Date;
}

/** Who is calling: a signed-in user, through a dashboard session or an API token. */
export interface Viewer {
  user: ViewerUser;
  /** The token's scopes; null for a session, where the member role alone decides. */
  tokenScopes: Scope[] | null;
  sessionId: number | null;
  tokenId: number | null;
}
