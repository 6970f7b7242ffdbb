import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useStreamKeyboard, type StreamKeyboardActions } from './use-stream-keyboard';

function Harness(props: StreamKeyboardActions) {
  useStreamKeyboard(props);
  return (
    <>
      <input aria-label="search" />
      <div role="menu">
        <button type="button">item</button>
      </div>
    </>
  );
}

function setup(cursor = 0, count = 3) {
  const actions = {
    count,
    cursor,
    setCursor: vi.fn(),
    open: vi.fn(),
    toggleSelect: vi.fn(),
    resolve: vi.fn(),
    assign: vi.fn(),
    ignore: vi.fn(),
    focusSearch: vi.fn(),
  };
  const view = render(<Harness {...actions} />);
  return { actions, view };
}

describe('useStreamKeyboard', () => {
  it('moves with j and k within the page', () => {
    const { actions } = setup(2);
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(actions.setCursor).toHaveBeenLastCalledWith(2);
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(actions.setCursor).toHaveBeenLastCalledWith(1);
  });

  it('resolves, ignores, assigns, selects, opens and searches', () => {
    const { actions } = setup(1);
    for (const key of ['r', 'i', 'a', 'x', 'o', '/']) fireEvent.keyDown(document.body, { key });
    expect(actions.resolve).toHaveBeenCalledOnce();
    expect(actions.ignore).toHaveBeenCalledOnce();
    expect(actions.assign).toHaveBeenCalledOnce();
    expect(actions.toggleSelect).toHaveBeenCalledWith(1);
    expect(actions.open).toHaveBeenCalledWith(1);
    expect(actions.focusSearch).toHaveBeenCalledOnce();
  });

  it('leaves keys alone while typing, in menus and with modifiers', () => {
    const { actions, view } = setup(0);
    fireEvent.keyDown(view.getByLabelText('search'), { key: 'r' });
    fireEvent.keyDown(view.getByText('item'), { key: 'r' });
    fireEvent.keyDown(document.body, { key: 'r', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'r', metaKey: true });
    expect(actions.resolve).not.toHaveBeenCalled();
  });

  it("does not open without a cursor, and Enter on a button is the button's", () => {
    const { actions, view } = setup(-1);
    fireEvent.keyDown(document.body, { key: 'o' });
    expect(actions.open).not.toHaveBeenCalled();
    view.unmount();
    const second = setup(0);
    const button = document.createElement('button');
    document.body.appendChild(button);
    fireEvent.keyDown(button, { key: 'Enter' });
    expect(second.actions.open).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(second.actions.open).toHaveBeenCalledWith(0);
    button.remove();
  });
});
