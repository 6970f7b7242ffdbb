import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { CheckOption } from '../../components/settings-form';
import { NotificationSettingsQuery, UpdateNotificationSettingsMutation } from '../../graphql/documents/account';

type Setting = 'deployEmails' | 'commentEmails' | 'assignmentEmails' | 'resolutionEmails' | 'regressionEmails' | 'mentionEmails' | 'ownActivityEmails';

const OPTIONS: { key: Setting; label: string; hint: string }[] = [
  { key: 'mentionEmails', label: 'Mentions', hint: 'Someone @mentions you, or a #team you are in, in a comment.' },
  { key: 'commentEmails', label: 'Comments', hint: 'New comments on issues you are subscribed to.' },
  { key: 'assignmentEmails', label: 'Assignments', hint: 'Issues you are subscribed to are assigned (including to you).' },
  { key: 'resolutionEmails', label: 'Resolutions', hint: 'Issues you are subscribed to are resolved, by a person, a commit or a release.' },
  { key: 'regressionEmails', label: 'Regressions', hint: 'Resolved issues you are subscribed to come back.' },
  { key: 'deployEmails', label: 'Deploy emails', hint: 'A deploy ships commits you wrote.' },
  { key: 'ownActivityEmails', label: 'My own activity', hint: 'Also email me about comments and changes I made myself.' },
];

/** Which emails the viewer gets, per kind. */
export function Notifications() {
  const [result] = useQuery({ query: NotificationSettingsQuery });
  const [state, update] = useMutation(UpdateNotificationSettingsMutation);
  return (
    <>
      <h1>Notifications</h1>
      <QueryResult result={result}>
        {(data) =>
          data.viewer && (
            <section className="panel body form" style={{ maxWidth: 'none' }} aria-label="Email notifications">
              <p className="muted">Emails go to {data.viewer.email}. Each workflow email says why you get it and has a link to unsubscribe from that issue.</p>
              {state.error && <ErrorMessage error={state.error} />}
              {OPTIONS.map((option) => (
                <CheckOption
                  key={option.key}
                  label={option.label}
                  hint={option.hint}
                  checked={data.viewer!.notificationSettings[option.key]}
                  disabled={state.fetching}
                  onChange={(checked) => void update({ [option.key]: checked })}
                />
              ))}
            </section>
          )
        }
      </QueryResult>
    </>
  );
}
