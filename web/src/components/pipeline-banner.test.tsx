import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Provider } from 'urql';
import { mockClient } from '../test/mock-client';
import { PipelineBanner } from './pipeline-banner';

function renderBanner(health: { queuedEnvelopes: number; oldestQueuedSeconds: number; parkedEnvelopes: number }) {
  const mock = mockClient({
    PipelineHealth: () => ({ data: { organization: { __typename: 'Organization', id: '1', pipelineHealth: { __typename: 'PipelineHealth', ...health } } } }),
  });
  const view = render(
    <Provider value={mock.client}>
      <PipelineBanner org="acme" />
    </Provider>,
  );
  return { mock, view };
}

describe('PipelineBanner', () => {
  it('says nothing while processing keeps up', () => {
    const { mock, view } = renderBanner({ queuedEnvelopes: 40, oldestQueuedSeconds: 3, parkedEnvelopes: 0 });
    expect(view.container.innerHTML).toBe('');
    expect(mock.calls('executeQuery', 'PipelineHealth').map((c) => c.variables)).toEqual([{ org: 'acme' }]);
  });

  it('warns when processing lags more than a minute', () => {
    renderBanner({ queuedEnvelopes: 1200, oldestQueuedSeconds: 300, parkedEnvelopes: 0 });
    expect(screen.getByRole('alert').textContent).toContain('Event processing is 5 minutes behind: 1200 envelopes waiting');
    expect(screen.getByRole('alert').textContent).not.toContain('set aside');
  });

  it('warns when envelopes were parked, even with an empty queue', () => {
    renderBanner({ queuedEnvelopes: 0, oldestQueuedSeconds: 0, parkedEnvelopes: 1 });
    expect(screen.getByRole('alert').textContent).toContain('1 envelope failed processing repeatedly and was set aside');
    expect(screen.getByRole('alert').textContent).not.toContain('behind');
  });
});
