/** Small things remembered per browser: the last organization and project. */
const ORG_KEY = 'vigil.lastOrganization';
const PROJECT_KEY = 'vigil.lastProject';

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const write = (key: string, value: string | null) => {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // storage unavailable (private mode): nothing to remember
  }
};

export const lastOrganization = () => read(ORG_KEY);
export const rememberOrganization = (slug: string) => write(ORG_KEY, slug);
export const lastProject = (org: string) => {
  const value = read(PROJECT_KEY);
  return value?.startsWith(`${org}/`) ? value.slice(org.length + 1) : null;
};
export const rememberProject = (org: string, project: string | null) => write(PROJECT_KEY, project ? `${org}/${project}` : null);
