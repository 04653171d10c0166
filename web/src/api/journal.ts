// The class journal: journals, the grid, marks with their history, lesson records, attendance
// (docs/api/openapi.yaml).
import { request } from './client';
import type { Named, PersonRef } from './school';

interface Items<T> {
  items: T[];
}

export interface JournalSummary {
  id: number;
  class: Named | null;
  group: Named | null;
  subject: Named;
  period: { kind: string; number: number; name: string; startsOn: string; endsOn: string };
  teachers: PersonRef[];
  current: boolean;
}
export interface GridLesson {
  id: number;
  date: string;
  lessonNumber: number;
  status: 'planned' | 'substituted' | 'cancelled' | 'moved';
  teacher: PersonRef;
  topic: string | null;
  workDone: string | null;
  homework: string | null;
  homeworkDue: string | null;
  recordVersion: number;
  canWrite: boolean;
}
export interface Mark {
  id: number;
  lessonId: number;
  studentId: number;
  value: string;
  workTypeId: number;
  workType: string;
  weight: number;
  comment: string | null;
  version: number;
  late: boolean;
  removed?: boolean;
}
export interface Attendance {
  id: number;
  lessonId: number;
  studentId: number;
  kind: 'absent' | 'late' | 'present';
  reason: 'ill' | 'excused' | 'unexcused' | null;
  version: number;
}
export interface Grid {
  journal: JournalSummary;
  assessment: 'graded' | 'pass_fail';
  canWrite: boolean;
  students: { id: number; fullName: string; from: string | null; to: string | null }[];
  lessons: GridLesson[];
  marks: Mark[];
  attendance: Attendance[];
  averages: { studentId: number; count: number; plain: number | null; weighted: number | null; forecast: number | null }[];
}
export interface WorkType {
  id: number;
  code: string;
  name: string;
  shortName: string;
  weight: number;
  active: boolean;
}
export interface MarkEvent {
  id: number;
  action: 'mark.create' | 'mark.correct' | 'mark.remove';
  at: number;
  by: PersonRef | null;
  before: { value: string } | null;
  after: { value: string; removed?: boolean } | null;
  reason: string | null;
}

export async function listJournals(): Promise<JournalSummary[]> {
  return (await request<Items<JournalSummary>>('GET', '/api/v1/journals')).items;
}
export async function getGrid(id: number): Promise<Grid> {
  return request<Grid>('GET', `/api/v1/journals/${id}`);
}
export async function workTypes(): Promise<WorkType[]> {
  return (await request<Items<WorkType>>('GET', '/api/v1/work-types')).items;
}
/** `clientId` makes the write idempotent: sending it again returns the mark already saved. */
export async function addMark(journalId: number, lessonId: number, studentId: number, value: string, workTypeId: number, clientId: string) {
  return request<Mark>('POST', `/api/v1/journals/${journalId}/marks`, {
    body: { lessonId, studentId, value, workTypeId, clientId },
  });
}
export async function correctMark(id: number, value: string, reason: string, version: number) {
  return request<Mark>('PATCH', `/api/v1/marks/${id}`, { body: { value, reason, version } });
}
export async function removeMark(id: number, reason: string, version: number) {
  return request<Mark>('POST', `/api/v1/marks/${id}/remove`, { body: { reason, version } });
}
export async function markHistory(id: number): Promise<{ mark: Mark; history: MarkEvent[] }> {
  return request('GET', `/api/v1/marks/${id}/history`);
}
export async function setRecord(
  lessonId: number,
  fields: { topic?: string; homework?: string; homeworkDue?: string },
  version: number,
) {
  return request<{ topic: string | null; homework: string | null; homeworkDue: string | null; version: number; topicLate: boolean; homeworkLate: boolean }>(
    'PUT',
    `/api/v1/lessons/${lessonId}/record`,
    { body: { ...fields, version } },
  );
}
export async function markAttendance(lessonId: number, studentId: number, kind: 'absent' | 'late' | 'present') {
  return request<Attendance>('POST', `/api/v1/lessons/${lessonId}/attendance`, { body: { studentId, kind } });
}
