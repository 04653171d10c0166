// A compromised account and the review of what it did (docs/api/openapi.yaml: /users/{id}/compromise, /reviews).
import { request } from './client';
import type { Person } from './school';
import type { Answer, Schema } from './types';

export type Review = Schema<'Review'>;

export async function people(search: string): Promise<Person[]> {
  const q = new URLSearchParams({ q: search, limit: '20' });
  return (await request<Answer<'/api/v1/users', 'get'>>('GET', `/api/v1/users?${q}`)).items;
}
/** `since`: "YYYY-MM-DDTHH:MM" in the school's time. */
export async function declareCompromise(userId: number, since: string, reason: string) {
  return request<Answer<'/api/v1/users/{id}/compromise', 'post'>>('POST', `/api/v1/users/${userId}/compromise`, {
    body: { since, reason },
  });
}
export async function listReviews(status: '' | Review['status'], signal?: AbortSignal): Promise<Review[]> {
  const q = status ? `?status=${status}` : '';
  return (await request<Answer<'/api/v1/reviews', 'get'>>('GET', `/api/v1/reviews${q}`, { signal })).items;
}
export async function confirmReview(eventId: number, note: string): Promise<Review> {
  return request<Review>('POST', `/api/v1/reviews/${eventId}/confirm`, { body: note ? { note } : {} });
}
export async function revertReview(eventId: number, note: string): Promise<Review> {
  return request<Review>('POST', `/api/v1/reviews/${eventId}/revert`, { body: { note } });
}
