import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SearchBar } from './search-bar';

const values = { environments: ['production', 'staging'], releases: ['web@1.2.3'] };

describe('SearchBar', () => {
  it('suggests keys while typing and values after the colon', async () => {
    const user = userEvent.setup();
    render(<SearchBar query="" onSubmit={() => undefined} values={values} />);
    const input = screen.getByLabelText('Search issues');
    await user.type(input, 'env');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['environment:Environment name']);
    await user.keyboard('{Tab}');
    expect((input as HTMLInputElement).value).toBe('environment:');
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.suggestion-label')?.textContent)).toEqual(['production', 'staging']);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect((input as HTMLInputElement).value).toBe('environment:staging ');
  });

  it('submits on Enter when no suggestion was picked', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<SearchBar query="" onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Search issues'), 'is:resolved TypeError{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('is:resolved TypeError');
  });

  it('marks a parse error as you type and does not submit it', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<SearchBar query="" onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Search issues'), 'is:open{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('Unknown value "open" for is:');
    expect(screen.getByLabelText('Search issues').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the server's error for the submitted query, with the spot marked", () => {
    render(<SearchBar query="tags[x:1" onSubmit={() => undefined} serverError={{ message: 'Unterminated tags[ key: expected "]" at column 8', position: 7 }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Unterminated tags[ key');
    expect(alert.querySelector('mark u')?.textContent).toBe('1');
  });

  it('follows the URL when the query changes from outside', () => {
    const { rerender } = render(<SearchBar query="is:unresolved" onSubmit={() => undefined} />);
    rerender(<SearchBar query="is:resolved" onSubmit={() => undefined} />);
    expect((screen.getByLabelText('Search issues') as HTMLInputElement).value).toBe('is:resolved');
  });

  it('closes suggestions with Escape', () => {
    render(<SearchBar query="" onSubmit={() => undefined} />);
    const input = screen.getByLabelText('Search issues');
    fireEvent.focus(input);
    expect(screen.queryAllByRole('option').length).toBeGreaterThan(0);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });
});

describe('SearchBar while typing', () => {
  it('does not call an unfinished term an error until you search', async () => {
    const user = userEvent.setup();
    render(<SearchBar query="" onSubmit={() => undefined} />);
    await user.type(screen.getByLabelText('Search issues'), 'is:unresolved assigned:');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('{Escape}{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('Expected a value after "assigned:"');
  });

  it.each(['tags[', 'tags[browser', 'tags[browser]'])('waits for the rest of %j before calling it an error', async (typed) => {
    const user = userEvent.setup();
    render(<SearchBar query="" onSubmit={() => undefined} />);
    await user.type(screen.getByLabelText('Search issues'), typed.replace(/\[/g, '[['));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/tags\[|Expected ":"/);
  });
});
