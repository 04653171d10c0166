// The class journal: journals, the grid, marks with their history, lesson records, attendance
// (docs/api/openapi.yaml).
import { request } from './client';
import type { Answer, Body, Schema } from './types';

export type JournalSummary = Schema<'JournalSummary'>;
export type Grid = Answer<'/api/v1/journals/{id}', 'get'>;
export type GridLesson = Grid['lessons'][number];
export type LessonComment = Schema<'LessonComment'>;
export type LessonFile = Schema<'LessonFile'>;
export type PeriodMark = Schema<'PeriodMark'>;
export type Mark = Schema<'Mark'>;
export type Attendance = Schema<'Attendance'>;
export type WorkType = Schema<'WorkType'>;
export type LessonRecord = Schema<'LessonRecord'>;
export type MarkEvent = Answer<'/api/v1/marks/{id}/history', 'get'>['history'][number];
export type LessonEvent = Answer<'/api/v1/lessons/{id}/history', 'get'>['history'][number];
export type PeriodMarkEvent = Answer<'/api/v1/period-marks/{id}/history', 'get'>['history'][number];
export type Plan = Schema<'Plan'>;
export type PlanTopicInput = Body<'/api/v1/journals/{id}/plan', 'put'>['topics'][number];
export type PlanImport = Schema<'PlanImport'>;
export type JournalSettings = Schema<'JournalSettings'>;
export type Progress = Answer<'/api/v1/students/{id}/progress', 'get'>;

export async function listJournals(): Promise<JournalSummary[]> {
  return (await request<Answer<'/api/v1/journals', 'get'>>('GET', '/api/v1/journals')).items;
}
export async function getGrid(id: number): Promise<Grid> {
  return request<Grid>('GET', `/api/v1/journals/${id}`);
}
export async function workTypes(): Promise<WorkType[]> {
  return (await request<Answer<'/api/v1/work-types', 'get'>>('GET', '/api/v1/work-types')).items;
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
export async function markHistory(id: number) {
  return request<Answer<'/api/v1/marks/{id}/history', 'get'>>('GET', `/api/v1/marks/${id}/history`);
}
export async function setRecord(
  lessonId: number,
  fields: Omit<Body<'/api/v1/lessons/{id}/record', 'put'>, 'version'>,
  version: number,
) {
  return request<LessonRecord>(
    'PUT',
    `/api/v1/lessons/${lessonId}/record`,
    { body: { ...fields, version } },
  );
}
export async function markAttendance(lessonId: number, studentId: number, kind: 'absent' | 'late' | 'present') {
  return request<Attendance>('POST', `/api/v1/lessons/${lessonId}/attendance`, { body: { studentId, kind } });
}
export async function lessonHistory(lessonId: number) {
  return request<Answer<'/api/v1/lessons/{id}/history', 'get'>>('GET', `/api/v1/lessons/${lessonId}/history`);
}
export async function addComment(lessonId: number, studentId: number, kind: LessonComment['kind'], text: string, toParents: boolean) {
  return request<LessonComment>('POST', `/api/v1/lessons/${lessonId}/comments`, { body: { studentId, kind, text, toParents } });
}
export async function removeComment(id: number, reason: string) {
  return request<LessonComment>('POST', `/api/v1/comments/${id}/remove`, { body: { reason } });
}
/** `document`: the outside document the mark comes from (a hospital school's statement). */
export async function setPeriodMark(journalId: number, studentId: number, kind: PeriodMark['kind'], value: string, document?: string) {
  return request<PeriodMark>('POST', `/api/v1/journals/${journalId}/period-marks`, {
    body: document ? { studentId, kind, value, document } : { studentId, kind, value },
  });
}
export async function correctPeriodMark(id: number, value: string, version: number, explanation: { teacherId: number; date: string; reason: string }) {
  return request<PeriodMark>('PATCH', `/api/v1/period-marks/${id}`, { body: { value, version, explanation } });
}
export async function periodMarkHistory(id: number) {
  return request<Answer<'/api/v1/period-marks/{id}/history', 'get'>>('GET', `/api/v1/period-marks/${id}/history`);
}
export async function getPlan(journalId: number): Promise<Plan> {
  return request<Plan>('GET', `/api/v1/journals/${journalId}/plan`);
}
export async function savePlan(journalId: number, topics: PlanTopicInput[], version: number): Promise<Plan> {
  return request<Plan>('PUT', `/api/v1/journals/${journalId}/plan`, { body: { topics, version } });
}
export async function importPlan(journalId: number, file: File, apply: boolean, version: number): Promise<PlanImport> {
  const q = new URLSearchParams({ journalId: String(journalId), fileName: file.name, apply: String(apply), version: String(version) });
  return request<PlanImport>('POST', `/api/v1/imports/plan?${q}`, { body: file });
}
export async function createWorkType(t: Omit<WorkType, 'id'>): Promise<WorkType> {
  return request<WorkType>('POST', '/api/v1/work-types', { body: t });
}
export async function updateWorkType(t: WorkType): Promise<WorkType> {
  const { id, code: _code, ...rest } = t;
  return request<WorkType>('PUT', `/api/v1/work-types/${id}`, { body: rest });
}
export async function getSettings(): Promise<JournalSettings> {
  return request<JournalSettings>('GET', '/api/v1/journal-settings');
}
export async function saveSettings(s: JournalSettings): Promise<JournalSettings> {
  return request<JournalSettings>('PUT', '/api/v1/journal-settings', { body: s });
}
export async function attachFile(lessonId: number, file: File): Promise<LessonFile> {
  return request<LessonFile>('POST', `/api/v1/lessons/${lessonId}/files?fileName=${encodeURIComponent(file.name)}`, { body: file });
}
export async function removeFile(id: number, reason: string): Promise<LessonFile> {
  return request<LessonFile>('POST', `/api/v1/files/${id}/remove`, { body: { reason } });
}
export async function studentProgress(studentId: number, date?: string, signal?: AbortSignal): Promise<Progress> {
  return request<Progress>('GET', `/api/v1/students/${studentId}/progress${date ? `?date=${date}` : ''}`, { signal });
}
/** The class teacher's reason for a student's absences on the days from `from` to `to`; returns how many lessons got it. */
export async function setAbsenceReason(studentId: number, from: string, to: string, reason: 'ill' | 'excused' | 'unexcused') {
  return request<Answer<'/api/v1/students/{id}/absence-reason', 'post'>>('POST', `/api/v1/students/${studentId}/absence-reason`, { body: { from, to, reason } });
}
