import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import { AlertRulesQuery, CreateAlertRuleMutation, DeleteAlertRuleMutation, UpdateAlertRuleMutation } from '../../graphql/documents/alerts';
import type { AlertRuleInput, AlertRulesQuery as AlertRulesData } from '../../graphql/generated/graphql';
import type { AlertActionType, AlertConditionType, AlertEmailTarget } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

type Rule = NonNullable<AlertRulesData['organization']['project']>['alertRules'][number];

const CONDITION_LABELS: Record<AlertConditionType, string> = {
  NEW_ISSUE: 'A new issue is created',
  REGRESSION: 'An issue regresses',
  EVENT_FREQUENCY: 'An issue is seen more than N times in T',
  USER_FREQUENCY: 'An issue is seen by more than N users in T',
};
const WINDOWS: [number, string][] = [[1, '1 minute'], [5, '5 minutes'], [15, '15 minutes'], [60, 'an hour'], [1440, 'a day'], [10080, 'a week'], [43200, '30 days']];
const INTERVALS: [number, string][] = [[5, '5 minutes'], [10, '10 minutes'], [30, '30 minutes'], [60, 'an hour'], [180, '3 hours'], [720, '12 hours'], [1440, 'a day'], [10080, 'a week'], [43200, '30 days']];
const LEVELS = ['', 'debug', 'info', 'warning', 'error', 'fatal'];
const ACTIONS = ['EMAIL:ALL_MEMBERS', 'EMAIL:ISSUE_OWNERS', 'EMAIL:TEAM', 'SLACK', 'WEBHOOK'] as const;
type ActionChoice = (typeof ACTIONS)[number];
const ACTION_LABELS: Record<ActionChoice, string> = {
  'EMAIL:ALL_MEMBERS': 'Email all members',
  'EMAIL:ISSUE_OWNERS': 'Email issue owners (suspect commits)',
  'EMAIL:TEAM': 'Email a team',
  SLACK: 'Post to a Slack channel',
  WEBHOOK: 'Send to service hooks (event.alert)',
};

interface FormState {
  name: string;
  condition: AlertConditionType;
  value: string;
  window: number;
  environment: string;
  minLevel: string;
  action: ActionChoice;
  teamSlug: string;
  channel: string;
  frequencyMinutes: number;
}

const EMPTY: FormState = { name: '', condition: 'NEW_ISSUE', value: '100', window: 60, environment: '', minLevel: '', action: 'EMAIL:ALL_MEMBERS', teamSlug: '', channel: '', frequencyMinutes: 30 };

function formOf(rule: Rule): FormState {
  const condition = rule.conditions[0];
  const action = rule.actions[0];
  const choice: ActionChoice = action?.type === 'EMAIL' ? (`EMAIL:${action.target ?? 'ISSUE_OWNERS'}` as ActionChoice) : ((action?.type ?? 'WEBHOOK') as ActionChoice);
  return {
    name: rule.name,
    condition: condition?.type ?? 'NEW_ISSUE',
    value: String(condition?.value ?? 100),
    window: condition?.intervalMinutes ?? 60,
    environment: rule.filters.environment ?? '',
    minLevel: rule.filters.minLevel ?? '',
    action: ACTIONS.includes(choice) ? choice : 'EMAIL:ALL_MEMBERS',
    teamSlug: action?.teamSlug ?? '',
    channel: action?.channel ?? '',
    frequencyMinutes: rule.frequencyMinutes,
  };
}

function inputOf(form: FormState, rule?: Rule): AlertRuleInput {
  const frequency = form.condition === 'EVENT_FREQUENCY' || form.condition === 'USER_FREQUENCY';
  const [type, target] = form.action.split(':') as [AlertActionType, AlertEmailTarget | undefined];
  return {
    name: form.name.trim(),
    conditions: [{ type: form.condition, ...(frequency ? { value: Number(form.value), intervalMinutes: form.window } : {}) }],
    conditionMatch: 'ANY',
    // Fields this form does not show are kept as the rule has them.
    filters: {
      environment: form.environment.trim() || null,
      minLevel: form.minLevel || null,
      tags: rule?.filters.tags.map((t) => ({ key: t.key, value: t.value })) ?? [],
      latestRelease: rule?.filters.latestRelease ?? false,
      issueOlderThanMinutes: rule?.filters.issueOlderThanMinutes ?? null,
      issueNewerThanMinutes: rule?.filters.issueNewerThanMinutes ?? null,
    },
    actions: [{ type, ...(target ? { target } : {}), ...(target === 'TEAM' ? { teamSlug: form.teamSlug.trim() } : {}), ...(type === 'SLACK' ? { channel: form.channel.trim() } : {}) }],
    frequencyMinutes: form.frequencyMinutes,
  };
}

function describeRule(rule: Rule): string {
  const when = rule.conditions
    .map((c) => (c.value != null ? CONDITION_LABELS[c.type].replace('N', String(c.value)).replace('T', WINDOWS.find(([m]) => m === c.intervalMinutes)?.[1] ?? `${c.intervalMinutes} minutes`) : CONDITION_LABELS[c.type]))
    .join(rule.conditionMatch === 'ALL' ? ' and ' : ' or ');
  const filters = [
    rule.filters.environment && `in ${rule.filters.environment}`,
    rule.filters.minLevel && `level ${rule.filters.minLevel} or higher`,
    ...rule.filters.tags.map((t) => `${t.key}=${t.value}`),
    rule.filters.latestRelease && 'in the latest release',
  ].filter(Boolean);
  const actions = rule.actions.map((a) => (a.type === 'SLACK' ? `Slack ${a.channel}` : a.type === 'WEBHOOK' ? 'service hooks' : `email ${a.target === 'TEAM' ? `#${a.teamSlug}` : (a.target ?? '').toLowerCase().replace('_', ' ')}`));
  return `${when}${filters.length ? ` (${filters.join(', ')})` : ''} → ${actions.join(', ')}`;
}

function RuleForm({ initial, submitLabel, busy, onSubmit, onCancel }: { initial: FormState; submitLabel: string; busy: boolean; onSubmit: (form: FormState) => void; onCancel?: () => void }) {
  const [form, setForm] = useState(initial);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const frequency = form.condition === 'EVENT_FREQUENCY' || form.condition === 'USER_FREQUENCY';
  return (
    <form
      className="panel body form"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(form);
      }}
    >
      <label className="field">
        Name
        <input type="text" required value={form.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label className="field">
        When
        <select value={form.condition} onChange={(e) => set('condition', e.target.value as AlertConditionType)}>
          {Object.entries(CONDITION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {frequency && (
        <div className="row" style={{ display: 'flex', gap: '1rem' }}>
          <label className="field">
            N
            <input type="number" min={0} required value={form.value} onChange={(e) => set('value', e.target.value)} />
          </label>
          <label className="field">
            T
            <select value={form.window} onChange={(e) => set('window', Number(e.target.value))}>
              {WINDOWS.map(([minutes, label]) => (
                <option key={minutes} value={minutes}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label className="field">
        Environment <span className="hint">Only events of this environment (empty: any)</span>
        <input type="text" value={form.environment} onChange={(e) => set('environment', e.target.value)} placeholder="production" />
      </label>
      <label className="field">
        Level at least
        <select value={form.minLevel} onChange={(e) => set('minLevel', e.target.value)}>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level || 'any level'}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Then
        <select value={form.action} onChange={(e) => set('action', e.target.value as ActionChoice)}>
          {ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </label>
      {form.action === 'EMAIL:TEAM' && (
        <label className="field">
          Team slug
          <input type="text" required value={form.teamSlug} onChange={(e) => set('teamSlug', e.target.value)} />
        </label>
      )}
      {form.action === 'SLACK' && (
        <label className="field">
          Slack channel
          <input type="text" required value={form.channel} onChange={(e) => set('channel', e.target.value)} placeholder="#alerts" />
        </label>
      )}
      <label className="field">
        Action interval <span className="hint">One issue alerts at most once per interval</span>
        <select value={form.frequencyMinutes} onChange={(e) => set('frequencyMinutes', Number(e.target.value))}>
          {INTERVALS.map(([minutes, label]) => (
            <option key={minutes} value={minutes}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <SubmitButton disabled={busy || !form.name.trim()}>{submitLabel}</SubmitButton>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function RuleHistory({ rule }: { rule: Rule }) {
  const { organization } = useOrganization();
  if (rule.history.totalCount === 0) return <p className="muted">Not fired yet.</p>;
  return (
    <table className="table" aria-label={`History of ${rule.name}`}>
      <thead>
        <tr>
          <th>Fired</th>
          <th>Issue</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {rule.history.nodes.map((fire) => (
          <tr key={fire.id}>
            <td>
              <RelativeTime date={fire.firedAt} />
            </td>
            <td>
              <Link to={paths.issue(organization.slug, fire.issue.shortId)}>{fire.issue.shortId}</Link> {fire.issue.title}
            </td>
            <td>
              {fire.results.map((r, i) => (
                <div key={i} className={r.status === 'failed' ? 'error' : undefined}>
                  {r.type} {r.status}
                  {r.detail ? `: ${r.detail}` : ''}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleRow({ rule, editable, onChanged }: { rule: Rule; editable: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [update, save] = useMutation(UpdateAlertRuleMutation);
  const [removal, remove] = useMutation(DeleteAlertRuleMutation);
  return (
    <section className="panel body" aria-label={`Alert rule ${rule.name}`}>
      <h3 style={{ marginTop: 0 }}>
        {rule.name} {!rule.isActive && <span className="muted">(disabled)</span>}
      </h3>
      <p className="muted">{describeRule(rule)}</p>
      {update.error && <ErrorMessage error={update.error} />}
      {removal.error && <ErrorMessage error={removal.error} />}
      {editing ? (
        <RuleForm
          initial={formOf(rule)}
          submitLabel="Save rule"
          busy={update.fetching}
          onCancel={() => setEditing(false)}
          onSubmit={(form) =>
            void save({ id: rule.id, input: inputOf(form, rule) }).then((r) => {
              if (!r.error) {
                setEditing(false);
                onChanged();
              }
            })
          }
        />
      ) : (
        editable && (
          <div style={{ display: 'flex', gap: '0.5rem' }}>
            <button type="button" className="small" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="small" onClick={() => void save({ id: rule.id, input: { ...inputOf(formOf(rule), rule), conditions: rule.conditions.map((c) => ({ type: c.type, value: c.value, intervalMinutes: c.intervalMinutes })), isActive: !rule.isActive } }).then(onChanged)}>
              {rule.isActive ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="small danger"
              onClick={() => {
                if (window.confirm(`Delete the alert rule "${rule.name}" and its history?`)) void remove({ id: rule.id }).then(onChanged);
              }}
            >
              Delete
            </button>
          </div>
        )
      )}
      <h4>History</h4>
      <RuleHistory rule={rule} />
    </section>
  );
}

/** The project's alert rules: when to alert whom, and what fired. The history refreshes every few seconds. */
export function AlertRules({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const { organization } = useOrganization();
  const [result, refetch] = useQuery({ query: AlertRulesQuery, variables: { org: organization.slug, project: project.slug }, requestPolicy: 'cache-and-network' });
  const [creation, create] = useMutation(CreateAlertRuleMutation);
  const [formKey, setFormKey] = useState(0);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 3000);
    return () => clearInterval(timer);
  }, [refetch]);
  return (
    <QueryResult result={result}>
      {(data) => {
        const rules = data.organization.project?.alertRules;
        if (!rules) return <ErrorMessage error="Project not found" />;
        return (
          <>
            <p className="muted" style={{ margin: 0 }}>
              Alert rules run on every new event: when an issue is new, regresses or gets busy, and the event passes the filters, the actions run — at most once per issue per action interval.
            </p>
            {rules.length === 0 && <section className="panel body">No alert rules.</section>}
            {rules.map((rule) => (
              <RuleRow key={rule.id} rule={rule} editable={editable} onChanged={reload} />
            ))}
            {editable && (
              <>
                <h3>New alert rule</h3>
                {creation.error && <ErrorMessage error={creation.error} />}
                <RuleForm
                  key={formKey}
                  initial={EMPTY}
                  submitLabel="Create rule"
                  busy={creation.fetching}
                  onSubmit={(form) =>
                    void create({ projectId: project.id, input: inputOf(form) }).then((r) => {
                      if (!r.error) {
                        setFormKey((k) => k + 1);
                        reload();
                      }
                    })
                  }
                />
              </>
            )}
          </>
        );
      }}
    </QueryResult>
  );
}
