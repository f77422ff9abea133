import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { LocationProbe } from '../test/render';
import { RangePicker } from './RangePicker';

function renderPicker(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <RangePicker />
      <LocationProbe />
    </MemoryRouter>,
  );
}

const location = () => screen.getByTestId('location').textContent;

describe('RangePicker', () => {
  it('selects 7 days when the URL has no range', () => {
    renderPicker('/');
    expect(screen.getByRole('group', { name: 'Time range' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Last 24 hours' })).not.toBeChecked();
    expect(screen.queryByLabelText('Start (UTC)')).not.toBeInTheDocument();
  });

  it('puts a preset in the URL as soon as it is chosen', async () => {
    const user = userEvent.setup();
    renderPicker('/');
    await user.click(screen.getByRole('radio', { name: 'Last 24 hours' }));
    expect(location()).toBe('/?range=24h');
    await user.click(screen.getByRole('radio', { name: 'Last 90 days' }));
    expect(location()).toBe('/?range=3m');
    expect(screen.getByRole('radio', { name: 'Last 90 days' })).toBeChecked();
  });

  it('is usable from the keyboard: arrow keys move between ranges', async () => {
    const user = userEvent.setup();
    renderPicker('/?range=24h');
    screen.getByRole('radio', { name: 'Last 24 hours' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(location()).toBe('/?range=7d');
  });

  it('applies a custom range only with Apply, as UTC instants in the URL', async () => {
    const user = userEvent.setup();
    renderPicker('/?range=7d');
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    expect(location()).toBe('/?range=7d');

    fireEvent.change(screen.getByLabelText('Start (UTC)'), { target: { value: '2025-01-01T00:00' } });
    fireEvent.change(screen.getByLabelText('End (UTC)'), { target: { value: '2025-01-15T23:59' } });
    expect(location()).toBe('/?range=7d');

    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(location()).toBe('/?range=custom&start=2025-01-01T00:00:00Z&end=2025-01-15T23:59:00Z');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refuses a start after the end and keeps the URL', async () => {
    const user = userEvent.setup();
    renderPicker('/?range=24h');
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Start (UTC)'), { target: { value: '2025-02-01T00:00' } });
    fireEvent.change(screen.getByLabelText('End (UTC)'), { target: { value: '2025-01-01T00:00' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Start must be before end.');
    expect(screen.getByLabelText('End (UTC)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('End (UTC)')).toHaveAccessibleDescription('Start must be before end.');
    expect(location()).toBe('/?range=24h');
  });

  it('refuses an empty start', async () => {
    const user = userEvent.setup();
    renderPicker('/');
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Start (UTC)'), { target: { value: '' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a valid start date and time.');
    expect(screen.getByLabelText('Start (UTC)')).toHaveAttribute('aria-invalid', 'true');
    expect(location()).toBe('/');
  });

  it('fills the custom inputs from a shared URL, in UTC', () => {
    renderPicker('/?range=custom&start=2025-01-01T06:00:00Z&end=2025-01-02T18:30:00%2B02:00');
    expect(screen.getByRole('radio', { name: 'Custom' })).toBeChecked();
    expect(screen.getByLabelText('Start (UTC)')).toHaveValue('2025-01-01T06:00');
    expect(screen.getByLabelText('End (UTC)')).toHaveValue('2025-01-02T16:30');
  });
});
