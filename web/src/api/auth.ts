// /api/v1/auth: starting and ending a session.
import { request, setCsrfToken } from './client';
import type { Answer, Me } from './types';

type LoginResponse = Answer<'/api/v1/auth/login', 'post'>;

/**
 * Signs in; on success the session cookie is set by the server and the CSRF token is kept.
 * Returns the user with their capabilities, as GET /me has them.
 */
export async function login(login: string, password: string): Promise<Me> {
  const answer = await request<LoginResponse>('POST', '/api/v1/auth/login', {
    body: { login, password },
    reportUnauthorized: false,
  });
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

/** Ends the session. The token is forgotten even if the server could not be reached. */
export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/api/v1/auth/logout', { reportUnauthorized: false });
  } finally {
    setCsrfToken(null);
  }
}

/**
 * The first sign-in with the one-time code from a credential slip: sets the person's own password.
 * Returns the user, as the login does.
 */
export async function activate(login: string, code: string, newPassword: string): Promise<Me> {
  const answer = await request<LoginResponse>('POST', '/api/v1/auth/activate', {
    body: { login, code, newPassword },
    reportUnauthorized: false,
  });
  setCsrfToken(answer.csrfToken);
  return answer.user;
}
