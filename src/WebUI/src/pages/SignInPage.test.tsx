import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API_KEY_STORAGE } from '../auth';
import { weekResponse } from '../test/fixtures';
import { fetchCall, json, mockFetch, renderApp } from '../test/render';

const KEY = 'cd-admin-key-0123456789';

async function signInWith(key: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('API key'), key);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('Sign-in', () => {
  it('sends an unsigned visitor to /signin', () => {
    mockFetch(json(weekResponse()));
    renderApp('/?range=24h');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/signin$/);
    expect(screen.getByLabelText('API key')).toHaveAttribute('type', 'password');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('checks the key against the 24h dashboard, keeps it in sessionStorage and returns to the page asked for', async () => {
    const fetchMock = mockFetch(json(weekResponse()));
    renderApp('/?range=3m');
    await signInWith(`  ${KEY} `);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(fetchCall(fetchMock, 0)).toEqual({ url: '/api/dashboard/?range=24h', authorization: `Bearer ${KEY}` });
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBe(KEY);
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?range=3m$/);
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    expect(fetchCall(fetchMock, 1).url).toBe('/api/dashboard/?range=3m');
  });

  it('explains a 403: the key works but is not an admin key', async () => {
    mockFetch(json({}, 403));
    renderApp('/signin');
    await signInWith(KEY);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This key is not an admin key; the dashboard needs an admin key',
    );
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/signin$/);
  });

  it('explains a 401: the key is unknown', async () => {
    mockFetch(json({}, 401));
    renderApp('/signin');
    await signInWith('nope');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Key not recognised$/);
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });

  it('says so when the API is rate limiting instead of blaming the key', async () => {
    mockFetch(json({}, 429));
    renderApp('/signin');
    await signInWith(KEY);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Too many requests right now. Wait a moment and try again.$/,
    );
  });

  it('says when the API is down instead of blaming the key', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    renderApp('/signin');
    await signInWith(KEY);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot reach the CleanDashboard API. Check that it is running and try again.',
    );
  });

  it('asks for a key before calling the API', async () => {
    const fetchMock = mockFetch(json(weekResponse()));
    renderApp('/signin');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Paste an API key first.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in with the keyboard alone', async () => {
    mockFetch(json(weekResponse()));
    renderApp('/signin');
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('link', { name: 'CleanDashboard' })).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText('API key')).toHaveFocus();
    await user.keyboard(`${KEY}{Enter}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
  });

  it('signs out from the header and forgets the key', async () => {
    mockFetch(json(weekResponse()));
    const user = userEvent.setup();
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    const header = within(screen.getByRole('banner'));
    await user.click(header.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });
});

describe('Admin', () => {
  it('is not shown without a key', () => {
    renderApp('/admin');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
