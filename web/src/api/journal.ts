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
  planTopicId: number | null;
  /** The plan's topic the lesson falls on: what the journal offers. */
  planTopic: { id: number; number: number; title: string } | null;
  canWrite: boolean;
}
export interface LessonComment {
  id: number;
  lessonId: number;
  studentId: number;
  date: string;
  kind: 'remark' | 'praise' | 'note';
  text: string;
  toParents: boolean;
  version: number;
  author: PersonRef;
  createdAt: number;
}
export interface LessonFile {
  id: number;
  lessonId: number;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: PersonRef;
  uploadedAt: number;
}
export interface PeriodMark {
  id: number;
  journalId: number;
  studentId: number;
  kind: 'period' | 'year' | 'exam' | 'final';
  value: string;
  document: string | null;
  version: number;
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
  document?: string | null;
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
  periodMarks: PeriodMark[];
  comments: LessonComment[];
  files: LessonFile[];
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
  action: 'mark.create' | 'mark.correct' | 'mark.remove' | 'mark.revert';
  at: number;
  by: PersonRef | null;
  before: { value: string } | null;
  after: { value: string; removed?: boolean } | null;
  reason: string | null;
  /** Made by an account declared compromised: under review, confirmed or reverted. */
  review: 'pending' | 'confirmed' | 'reverted' | null;
}
export interface RecordSnapshot {
  topic?: string;
  homework?: string;
  homeworkDue?: string;
  workDone?: string;
  topicLate?: boolean;
  homeworkLate?: boolean;
}
export interface LessonEvent {
  id: number;
  action: string;
  at: number;
  by: PersonRef | null;
  before: RecordSnapshot | null;
  after: RecordSnapshot | null;
  reason: string | null;
  review: 'pending' | 'confirmed' | 'reverted' | null;
}
export interface PeriodMarkEvent {
  id: number;
  action: string;
  at: number;
  by: PersonRef | null;
  before: { value: string } | null;
  after: { value: string } | null;
  explanation: { teacherId?: number; date?: string; reason?: string } | null;
  review: 'pending' | 'confirmed' | 'reverted' | null;
}
export interface PlanTopic {
  id: number;
  number: number;
  section: string | null;
  title: string;
  hours: number;
  plannedOn: string | null;
}
export interface PlanTopicInput {
  section: string | null;
  title: string;
  hours: number;
  plannedOn: string | null;
}
export interface Plan {
  journalId: number;
  version: number;
  topics: PlanTopic[];
  planHours: number;
  curriculumHours: number | null;
  matchesCurriculum: boolean | null;
  yearLessons: number;
  periods: { kind: string; number: number; name: string; startsOn: string; endsOn: string; planned: number; scheduled: number; held: number; withTopic: number }[];
  canEdit: boolean;
}
export interface PlanImport {
  file: { format: string; encoding: string; sheet: string };
  columns: string[];
  ignoredColumns: string[];
  topics: PlanTopicInput[];
  hours: number;
  errors: { line: number; message: string }[];
  applied: boolean;
  plan: Plan | null;
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
  fields: { topic?: string; workDone?: string; homework?: string; homeworkDue?: string; planTopicId?: number | null },
  version: number,
) {
  return request<{
    topic: string | null;
    workDone: string | null;
    homework: string | null;
    homeworkDue: string | null;
    version: number;
    topicLate: boolean;
    homeworkLate: boolean;
    planTopicId: number | null;
  }>(
    'PUT',
    `/api/v1/lessons/${lessonId}/record`,
    { body: { ...fields, version } },
  );
}
export async function markAttendance(lessonId: number, studentId: number, kind: 'absent' | 'late' | 'present') {
  return request<Attendance>('POST', `/api/v1/lessons/${lessonId}/attendance`, { body: { studentId, kind } });
}
export async function lessonHistory(lessonId: number): Promise<{ history: LessonEvent[] }> {
  return request('GET', `/api/v1/lessons/${lessonId}/history`);
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
export async function periodMarkHistory(id: number): Promise<{ periodMark: PeriodMark; history: PeriodMarkEvent[] }> {
  return request('GET', `/api/v1/period-marks/${id}/history`);
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
export interface WorkTypeFull extends WorkType {
  deadlineDays: number;
  byGrade: { gradeFrom: number; gradeTo: number; days: number }[];
}
export interface JournalSettings {
  latePolicy: 'flag' | 'refuse';
  lessonLateDays: number;
  homeworkHours: number;
  roundingFrom: number;
}
export async function workTypesFull(): Promise<WorkTypeFull[]> {
  return (await request<Items<WorkTypeFull>>('GET', '/api/v1/work-types')).items;
}
export async function createWorkType(t: Omit<WorkTypeFull, 'id'>): Promise<WorkTypeFull> {
  return request<WorkTypeFull>('POST', '/api/v1/work-types', { body: t });
}
export async function updateWorkType(t: WorkTypeFull): Promise<WorkTypeFull> {
  const { id, code: _code, ...rest } = t;
  return request<WorkTypeFull>('PUT', `/api/v1/work-types/${id}`, { body: rest });
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
export interface Progress {
  student: PersonRef;
  period: { kind: string; number: number; name: string; startsOn: string; endsOn: string };
  subjects: {
    subject: Named;
    marks: { id: number; date: string; value: string; workType: string; weight: number; late: boolean }[];
    count: number;
    plain: number | null;
    weighted: number | null;
    forecast: number | null;
    periodMark: string | null;
  }[];
}
export async function studentProgress(studentId: number, date?: string): Promise<Progress> {
  return request<Progress>('GET', `/api/v1/students/${studentId}/progress${date ? `?date=${date}` : ''}`);
}
/** The class teacher's reason for a student's absences on the days from `from` to `to`; returns how many lessons got it. */
export async function setAbsenceReason(studentId: number, from: string, to: string, reason: 'ill' | 'excused' | 'unexcused') {
  return request<{ lessons: number }>('POST', `/api/v1/students/${studentId}/absence-reason`, { body: { from, to, reason } });
}
