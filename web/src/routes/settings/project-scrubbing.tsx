import { useMutation } from 'urql';
import { CheckOptionsPanel, LineListsForm } from '../../components/settings-form';
import { UpdateDataScrubbingMutation } from '../../graphql/documents/project-settings';
import type { ProjectSettingsProject } from './project-settings';

const SWITCHES = [
  { key: 'enabled', label: 'Data scrubbing', hint: 'Replace values of sensitive keys with [Filtered] before storing events.' },
  { key: 'scrubDefaults', label: 'Use default scrubbers', hint: 'password, secret, token, authorization, cookies, credit card numbers, passwords in URLs…' },
  { key: 'scrubIpAddresses', label: 'Do not store IP addresses', hint: 'Remove user IP addresses and client-IP headers.' },
] as const;

/** Server-side data scrubbing, applied before anything is stored. */
export function DataScrubbingForm({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const scrubbing = project.settings.scrubbing;
  const [state, update] = useMutation(UpdateDataScrubbingMutation);
  return (
    <>
      <CheckOptionsPanel
        label="Scrubbing switches"
        options={SWITCHES}
        values={scrubbing}
        disabled={!editable || state.fetching}
        error={state.error}
        onChange={(key, checked) => void update({ projectId: project.id, input: { [key]: checked } })}
      />
      <LineListsForm
        editable={editable}
        busy={state.fetching}
        submitLabel="Save fields"
        fields={[
          { key: 'sensitiveFields', label: 'Additional sensitive fields', hint: 'One key name per line; matching keys are filtered too.', value: scrubbing.sensitiveFields },
          { key: 'safeFields', label: 'Safe fields', hint: 'One key name per line; never scrubbed.', value: scrubbing.safeFields },
        ]}
        onSave={(input) => update({ projectId: project.id, input })}
      />
    </>
  );
}
