import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { CheckOption } from '../../components/settings-form';
import { NotificationSettingsQuery, UpdateNotificationSettingsMutation } from '../../graphql/documents/account';

/** Personal notification opt-outs. */
export function Notifications() {
  const [result] = useQuery({ query: NotificationSettingsQuery });
  const [state, update] = useMutation(UpdateNotificationSettingsMutation);
  return (
    <>
      <h1>Notifications</h1>
      <QueryResult result={result}>
        {(data) =>
          data.viewer && (
            <section className="panel body form" style={{ maxWidth: 'none' }}>
              {state.error && <ErrorMessage error={state.error} />}
              <CheckOption
                label="Deploy emails"
                hint={`An email to ${data.viewer.email} when a deploy ships commits you wrote.`}
                checked={data.viewer.deployEmails}
                disabled={state.fetching}
                onChange={(checked) => void update({ deployEmails: checked })}
              />
            </section>
          )
        }
      </QueryResult>
    </>
  );
}
