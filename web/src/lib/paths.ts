/** Every view has a URL; these build them. */
const enc = encodeURIComponent;

export const paths = {
  login: (next?: string) => (next && next !== '/' ? `/login?next=${enc(next)}` : '/login'),
  stream: (org: string, search?: URLSearchParams | string) => {
    const query = search?.toString();
    return `/organizations/${enc(org)}/issues/${query ? `?${query}` : ''}`;
  },
  issue: (org: string, shortId: string) => `/organizations/${enc(org)}/issues/${enc(shortId)}/`,
  issueEvent: (org: string, shortId: string, eventId: string) => `/organizations/${enc(org)}/issues/${enc(shortId)}/events/${enc(eventId)}/`,
  mentions: (org: string) => `/organizations/${enc(org)}/mentions/`,
  releases: (org: string, project?: string | null) => `/organizations/${enc(org)}/releases/${project ? `?project=${enc(project)}` : ''}`,
  release: (org: string, version: string) => `/organizations/${enc(org)}/releases/${enc(version)}/`,
  gettingStarted: (org: string, project: string) => `/organizations/${enc(org)}/projects/${enc(project)}/getting-started/`,
  newProject: (org: string) => `/organizations/${enc(org)}/projects/new/`,
  settings: {
    organization: (org: string) => `/organizations/${enc(org)}/settings/`,
    members: (org: string) => `/organizations/${enc(org)}/settings/members/`,
    apiTokens: (org: string) => `/organizations/${enc(org)}/settings/api-tokens/`,
    repositories: (org: string) => `/organizations/${enc(org)}/settings/repositories/`,
    project: (org: string, project: string, tab = '') => `/organizations/${enc(org)}/settings/projects/${enc(project)}/${tab ? `${tab}/` : ''}`,
    notifications: (org: string) => `/organizations/${enc(org)}/settings/account/notifications/`,
    security: (org: string) => `/organizations/${enc(org)}/settings/account/security/`,
    outbox: (org: string) => `/organizations/${enc(org)}/settings/mail-outbox/`,
    slack: (org: string) => `/organizations/${enc(org)}/settings/slack/`,
    slackAccount: (org: string) => `/organizations/${enc(org)}/settings/account/slack/`,
  },
};
