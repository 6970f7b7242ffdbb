import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { JumpToIssueQuery } from '../../graphql/documents/issues';
import { paths } from '../../lib/paths';

/** Looks like a short id (WEB-3) or an event id: worth asking the server before searching. */
export const namesAnIssue = (query: string) => NAMES_AN_ISSUE.test(query.trim());
const NAMES_AN_ISSUE = /^(?:[a-z0-9][a-z0-9_-]*-[0-9a-z]+|[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * As in Sentry, a search that is only a short id or an event id opens that issue. Resolves true
 * when it navigated; false means: run it as a search.
 */
export function useJumpToIssue(org: string, linkSearch: string): (query: string) => Promise<boolean> {
  const client = useClient();
  const navigate = useNavigate();
  return useCallback(
    async (query: string) => {
      const text = query.trim();
      if (!NAMES_AN_ISSUE.test(text)) return false;
      const result = await client.query(JumpToIssueQuery, { org, query: text }, { requestPolicy: 'network-only' }).toPromise();
      const issue = result.data?.organization.issueJump;
      if (!issue) return false;
      navigate({ pathname: paths.issue(org, issue.shortId), search: linkSearch });
      return true;
    },
    [client, navigate, org, linkSearch],
  );
}
