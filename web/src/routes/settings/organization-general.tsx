import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { SavedMessage, SubmitButton, useSaveForm } from '../../components/settings-form';
import { UpdateOrganizationMutation } from '../../graphql/documents/organization-settings';
import { paths } from '../../lib/paths';
import { isAdmin, useOrganization } from '../organization-layout';

export function OrganizationGeneral() {
  const { organization } = useOrganization();
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const [state, update] = useMutation(UpdateOrganizationMutation);
  const navigate = useNavigate();
  const { saved, onSubmit } = useSaveForm(
    () => update({ slug: organization.slug, input: { name, ...(slug !== organization.slug ? { slug } : {}) } }),
    ({ updateOrganization }) => {
      if (updateOrganization.slug !== organization.slug) navigate(paths.settings.organization(updateOrganization.slug), { replace: true });
    },
  );
  const admin = isAdmin(organization.viewerRole);
  return (
    <section className="panel" aria-label="Organization">
      <header>
        <h2>{organization.name}</h2>
        <span className="badge">your role: {organization.viewerRole.toLowerCase()}</span>
      </header>
      <form className="form body" onSubmit={onSubmit}>
        {state.error && <ErrorMessage error={state.error} />}
        <SavedMessage saved={saved} />
        <label className="field">
          Name
          <input type="text" value={name} disabled={!admin} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Slug <span className="hint">Used in URLs and by sentry-cli (SENTRY_ORG). Changing it breaks old links.</span>
          <input type="text" value={slug} disabled={!admin} onChange={(e) => setSlug(e.target.value)} />
        </label>
        {admin && <SubmitButton disabled={state.fetching}>Save</SubmitButton>}
      </form>
    </section>
  );
}
