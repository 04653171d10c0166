// /api/v1/me: the signed-in user.
import { request, setCsrfToken } from './client';
import type { Answer, Me } from './types';

/** The current user; throws ApiError with status 401 when there is no valid session. */
export async function getMe(): Promise<Me> {
  const me = await request<Answer<'/api/v1/me', 'get'>>('GET', '/api/v1/me', { reportUnauthorized: false });
  setCsrfToken(me.csrfToken ?? null);
  return me;
}

/** Changes the user's own password; the server checks the current one and the password rules. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<void>('POST', '/api/v1/me/password', { body: { currentPassword, newPassword } });
}
