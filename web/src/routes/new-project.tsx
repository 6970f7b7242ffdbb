import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/query-state';
import { CreateProjectMutation } from '../graphql/documents/organization';
import { paths } from '../lib/paths';
import { isAdmin, useOrganization } from './organization-layout';

export const PLATFORMS = [
  { value: 'node', label: 'Node.js' },
  { value: 'javascript', label: 'Browser JavaScript' },
  { value: 'python', label: 'Python' },
  { value: 'other', label: 'Other' },
];

export function NewProject() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState('node');
  const [state, create] = useMutation(CreateProjectMutation);
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 560 }}>
      <h1>Create a project</h1>
      <p className="muted">A project receives the errors of one application. It gets a DSN to put in your SDK.</p>
      {!isAdmin(organization.viewerRole) && <div className="message warning">Only owners and admins of {organization.name} can create projects.</div>}
      <form
        className="form section"
        onSubmit={async (e) => {
          e.preventDefault();
          const result = await create({ org, input: { name, platform } });
          if (result.data) navigate(paths.gettingStarted(org, result.data.createProject.slug));
        }}
      >
        {state.error && <ErrorMessage error={state.error} />}
        <label className="field">
          Name
          <input type="text" required value={name} onChange={(e) => setName(e.target.value)} placeholder="web" />
        </label>
        <label className="field">
          Platform
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {PLATFORMS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit" className="primary" disabled={state.fetching || !name.trim()}>
            Create project
          </button>
        </div>
      </form>
    </div>
  );
}
