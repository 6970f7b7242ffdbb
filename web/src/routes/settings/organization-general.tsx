import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { UpdateOrganizationMutation } from '../../graphql/documents/organization-settings';
import { paths } from '../../lib/paths';
import { isAdmin, useOrganization } from '../organization-layout';

export function OrganizationGeneral() {
  const { organization } = useOrganization();
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const [state, update] = useMutation(UpdateOrganizationMutation);
  const [saved, setSaved] = useState(false);
  const navigate = useNavigate();
  const admin = isAdmin(organization.viewerRole);
  return (
    <section className="panel" aria-label="Organization">
      <header>
        <h2>{organization.name}</h2>
        <span className="badge">your role: {organization.viewerRole.toLowerCase()}</span>
      </header>
      <form
        className="form body"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          const result = await update({ slug: organization.slug, input: { name, ...(slug !== organization.slug ? { slug } : {}) } });
          if (result.data) {
            setSaved(true);
            if (result.data.updateOrganization.slug !== organization.slug) navigate(paths.settings.organization(result.data.updateOrganization.slug), { replace: true });
          }
        }}
      >
        {state.error && <ErrorMessage error={state.error} />}
        {saved && <div className="message success">Saved.</div>}
        <label className="field">
          Name
          <input type="text" value={name} disabled={!admin} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Slug <span className="hint">Used in URLs and by sentry-cli (SENTRY_ORG). Changing it breaks old links.</span>
          <input type="text" value={slug} disabled={!admin} onChange={(e) => setSlug(e.target.value)} />
        </label>
        {admin && (
          <div>
            <button type="submit" className="primary" disabled={state.fetching}>
              Save
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
