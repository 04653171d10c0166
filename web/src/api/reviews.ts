// A compromised account and the review of what it did (docs/api/openapi.yaml: /users/{id}/compromise, /reviews).
import { request } from './client';
import type { PersonRef } from './school';

export interface Review {
  eventId: number;
  compromiseId: number;
  status: 'pending' | 'confirmed' | 'reverted';
  at: number;
  by: PersonRef;
  action: string;
  entity: 'mark' | 'lesson' | 'attendance' | 'period_mark' | 'comment' | string;
  entityId: number;
  place: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  reviewedBy: PersonRef | null;
  reviewedAt: number | null;
  note: string | null;
}

export async function people(search: string): Promise<{ id: number; fullName: string; login?: string }[]> {
  const q = new URLSearchParams({ q: search, limit: '20' });
  return (await request<{ items: { id: number; fullName: string; login?: string }[] }>('GET', `/api/v1/users?${q}`)).items;
}
/** `since`: "YYYY-MM-DDTHH:MM" in the school's time. */
export async function declareCompromise(userId: number, since: string, reason: string) {
  return request<{ id: number; userId: number; since: number; flagged: number }>('POST', `/api/v1/users/${userId}/compromise`, {
    body: { since, reason },
  });
}
export async function listReviews(status: '' | Review['status']): Promise<Review[]> {
  const q = status ? `?status=${status}` : '';
  return (await request<{ items: Review[] }>('GET', `/api/v1/reviews${q}`)).items;
}
export async function confirmReview(eventId: number, note: string): Promise<Review> {
  return request<Review>('POST', `/api/v1/reviews/${eventId}/confirm`, { body: note ? { note } : {} });
}
export async function revertReview(eventId: number, note: string): Promise<Review> {
  return request<Review>('POST', `/api/v1/reviews/${eventId}/revert`, { body: { note } });
}
