import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EventDetailsFragment } from '../../graphql/generated/graphql';
import { ExceptionChain } from './exception-chain';

type Frame = NonNullable<EventDetailsFragment['exception']>['values'][number]['frames'][number];

const frame = (fn: string, inApp: boolean, extra: Partial<Frame> = {}): Frame => ({
  filename: inApp ? `/srv/app/${fn}.js` : 'node:internal/process/task_queues',
  absPath: null,
  function: fn,
  module: null,
  package: null,
  platform: null,
  lineno: 10,
  colno: 5,
  inApp,
  contextLine: inApp ? `  ${fn}();` : null,
  preContext: inApp ? ['function wrapper() {'] : null,
  postContext: inApp ? ['}'] : null,
  vars: null,
  instructionAddr: null,
  symbolAddr: null,
  symbolicatorStatus: null,
  ...extra,
});

const exception = (frames: Frame[], type = 'TypeError', value = 'boom', rawFrames: Frame[] | null = null) => ({
  type,
  value,
  module: null,
  mechanism: { type: 'generic', handled: false, synthetic: null, data: null },
  frames,
  rawFrames,
});

describe('ExceptionChain', () => {
  it('toggles between original (source-mapped) and minified frames', async () => {
    const user = userEvent.setup();
    const original = [frame('priceOf', true, { filename: 'src/checkout.js' })];
    const minified = [frame('a', true, { filename: '/srv/app/dist/app.min.js', contextLine: null, preContext: null, postContext: null })];
    render(<ExceptionChain exception={{ values: [exception(original, 'TypeError', 'boom', minified)] }} />);
    expect(screen.getByText('priceOf')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Minified' }));
    expect(screen.queryByText('priceOf')).toBeNull();
    expect(screen.getByText('/srv/app/dist/app.min.js')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Original' }));
    expect(screen.getByText('src/checkout.js')).toBeTruthy();
  });


  it('opens in-app frames with their context and folds system frames behind a toggle', async () => {
    const user = userEvent.setup();
    render(<ExceptionChain exception={{ values: [exception([frame('tick', false), frame('runTask', false), frame('addItem', true)])] }} />);
    expect(screen.getByText('addItem')).toBeTruthy();
    expect(screen.getByText('addItem();', { exact: false }).closest('.line')?.className).toContain('current');
    expect(screen.queryByText('tick')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show 2 system frames' }));
    expect(screen.getByText('tick')).toBeTruthy();
    expect(screen.getByText('runTask')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Hide 2 system frames' }));
    expect(screen.queryByText('tick')).toBeNull();
  });

  it('shows every frame with "Full stack trace"', async () => {
    const user = userEvent.setup();
    render(<ExceptionChain exception={{ values: [exception([frame('tick', false), frame('addItem', true)])] }} />);
    await user.click(screen.getByRole('button', { name: 'Full stack trace' }));
    expect(screen.getByText('tick')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /system frame/ })).toBeNull();
  });

  it('lists the outermost exception first, then its causes', () => {
    render(
      <ExceptionChain
        exception={{ values: [exception([frame('inner', true)], 'ConnectionError', 'refused'), exception([frame('outer', true)], 'CheckoutError', 'payment failed')] }}
      />,
    );
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['CheckoutError', 'ConnectionError']);
    expect(screen.getByText('Caused by')).toBeTruthy();
  });

  it('says so when there is no stack trace', () => {
    render(<ExceptionChain exception={{ values: [exception([])] }} />);
    expect(screen.getByText('No stack trace.')).toBeTruthy();
  });
});
