import { useMutation } from 'urql';
import { CheckOptionsPanel, LineListsForm } from '../../components/settings-form';
import { UpdateInboundFiltersMutation } from '../../graphql/documents/project-settings';
import type { ProjectSettingsProject } from './project-settings';

const SWITCHES = [
  { key: 'browserExtensions', label: 'Browser extensions', hint: 'Errors caused by browser extensions' },
  { key: 'legacyBrowsers', label: 'Legacy browsers', hint: 'Old browsers such as Internet Explorer' },
  { key: 'localhost', label: 'Localhost', hint: 'Events from localhost and 127.0.0.1' },
  { key: 'webCrawlers', label: 'Web crawlers', hint: 'Bots and crawlers by their user agent' },
] as const;

/** Inbound filters: matching events are dropped at ingestion and counted as filtered. */
export function InboundFiltersForm({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const filters = project.settings.inboundFilters;
  const [state, update] = useMutation(UpdateInboundFiltersMutation);
  return (
    <>
      <CheckOptionsPanel
        label="Filters"
        options={SWITCHES}
        values={filters}
        disabled={!editable || state.fetching}
        error={state.error}
        onChange={(key, checked) => void update({ projectId: project.id, input: { [key]: checked } })}
      />
      <LineListsForm
        editable={editable}
        busy={state.fetching}
        submitLabel="Save patterns"
        fields={[
          {
            key: 'errorMessages',
            label: 'Error messages',
            hint: (
              <>
                One glob per line, matched against “Type: message”, e.g. <code>*ResizeObserver loop*</code>
              </>
            ),
            value: filters.errorMessages,
          },
          {
            key: 'releases',
            label: 'Releases',
            hint: (
              <>
                One glob per line, e.g. <code>web@*-dev</code>
              </>
            ),
            value: filters.releases,
          },
        ]}
        onSave={(input) => update({ projectId: project.id, input })}
      />
    </>
  );
}
