// What the school's administration and secretary keep: the year's calendar, bells and rooms,
// groups, the class lists with movements and consents, lesson changes, imports
// (docs/api/openapi.yaml).
import { request } from './client';
import type { BellSchedule, Lesson, Named, PersonRef } from './school';

interface Items<T> {
  items: T[];
}

export type PeriodKind = 'quarter' | 'trimester' | 'half';
export interface Period {
  number: number;
  name: string;
  kind: PeriodKind;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface Holiday {
  name: string;
  kind: 'vacation' | 'holiday';
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface YearDetail {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  current: boolean;
  periods: Period[];
  holidays: Holiday[];
}

export async function listYearDetails(): Promise<YearDetail[]> {
  return (await request<Items<YearDetail>>('GET', '/api/v1/years')).items;
}
export async function getYear(id: number): Promise<YearDetail> {
  return request<YearDetail>('GET', `/api/v1/years/${id}`);
}
export async function createYear(name: string, startsOn: string, endsOn: string, workingDays: number) {
  return request<YearDetail>('POST', '/api/v1/years', { body: { name, startsOn, endsOn, workingDays } });
}
export async function setCalendar(id: number, workingDays: number, periods: Period[], holidays: Holiday[]) {
  return request<YearDetail>('PUT', `/api/v1/years/${id}/calendar`, { body: { workingDays, periods, holidays } });
}
export async function setBells(yearId: number, schedules: BellSchedule[]): Promise<BellSchedule[]> {
  return (await request<{ schedules: BellSchedule[] }>('PUT', `/api/v1/years/${yearId}/bells`, { body: { schedules } }))
    .schedules;
}

export interface RoomDetail {
  id: number;
  name: string;
  capacity: number | null;
  note: string | null;
}
export async function listRoomDetails(): Promise<RoomDetail[]> {
  return (await request<Items<RoomDetail>>('GET', '/api/v1/rooms')).items;
}
export async function createRoom(name: string, capacity: number | null, note: string | null) {
  return request<RoomDetail>('POST', '/api/v1/rooms', { body: { name, capacity, note } });
}

export type GroupKind = 'subgroup' | 'learning' | 'extracurricular' | 'after_school' | 'individual';
export const kGroupKinds: [GroupKind, string][] = [
  ['subgroup', 'Подгруппа класса'],
  ['learning', 'Учебная группа (электив, профиль)'],
  ['extracurricular', 'Внеурочная деятельность, кружок'],
  ['after_school', 'Группа продлённого дня'],
  ['individual', 'Индивидуальный учебный план'],
];
export interface GroupMember {
  studentId: number;
  fullName: string;
  className: string | null;
  from: string;
  to: string | null;
}
export interface Group {
  id: number;
  kind: GroupKind;
  name: string;
  yearId: number;
  shift: number;
  membersCount: number;
  class: Named | null;
  subject: Named | null;
  teacher: PersonRef | null;
  hoursPerWeek: number | null;
  members?: GroupMember[];
}
export interface NewGroup {
  kind: GroupKind;
  name: string;
  classId?: number;
  subjectId?: number;
  teacherId?: number;
  hoursPerWeek?: number;
}
export async function listGroups(): Promise<Group[]> {
  return (await request<Items<Group>>('GET', '/api/v1/groups')).items;
}
export async function getGroup(id: number, date?: string): Promise<Group> {
  return request<Group>('GET', `/api/v1/groups/${id}${date ? `?date=${date}` : ''}`);
}
export async function createGroup(group: NewGroup): Promise<Group> {
  return request<Group>('POST', '/api/v1/groups', { body: group });
}
export async function setGroupMembers(id: number, date: string, studentIds: number[]): Promise<Group> {
  return request<Group>('PUT', `/api/v1/groups/${id}/members`, { body: { date, studentIds } });
}

export interface Consent {
  kind: 'given' | 'withdrawn';
  effectiveOn: string;
  document: string;
}
export interface RosterParent {
  id: number;
  fullName: string;
  relation: 'mother' | 'father' | 'guardian' | 'other';
  phone: string | null;
  email: string | null;
  activated: boolean;
  consent: Consent | null;
}
export interface RosterStudent {
  id: number;
  fullName: string;
  enrolledOn: string;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
  activated?: boolean;
  parents?: RosterParent[];
}
export interface ClassRoster {
  classId: number;
  className: string;
  date: string;
  personalData: boolean;
  items: RosterStudent[];
}
export const kRelations: Record<string, string> = { mother: 'мать', father: 'отец', guardian: 'опекун', other: 'представитель' };

export async function classRoster(classId: number, date?: string): Promise<ClassRoster> {
  return request<ClassRoster>('GET', `/api/v1/classes/${classId}/students${date ? `?date=${date}` : ''}`);
}
export interface Order {
  orderNumber: string;
  orderDate: string;
}
export interface NewParent {
  lastName: string;
  firstName: string;
  middleName?: string;
  relation: string;
  email?: string;
  phone?: string;
}
export interface NewStudent extends Order {
  lastName: string;
  firstName: string;
  middleName?: string;
  sex: 'male' | 'female';
  birthDate: string;
  classId: number;
  date: string;
  parents: NewParent[];
}
export async function admitStudent(student: NewStudent): Promise<{ id: number; fullName: string }> {
  return request('POST', '/api/v1/students', { body: student });
}
export async function transferStudent(id: number, toClassId: number, date: string, order: Order) {
  return request('POST', `/api/v1/students/${id}/transfer`, { body: { toClassId, date, ...order } });
}
export async function dismissStudent(id: number, date: string, order: Order, reason: string | null) {
  return request('POST', `/api/v1/students/${id}/departure`, { body: { date, ...order, reason } });
}
export async function recordConsent(parentId: number, kind: 'given' | 'withdrawn', date: string, document: string) {
  return request('POST', `/api/v1/parents/${parentId}/consent`, { body: { kind, date, document } });
}

export interface LessonChange {
  kind: 'substitute' | 'cancel' | 'move' | 'restore';
  detail: string;
  reason: string | null;
  changedBy: PersonRef;
  changedAt: number;
}
export interface LessonDetail extends Lesson {
  changes: LessonChange[];
}
export async function getLesson(id: number): Promise<LessonDetail> {
  return request<LessonDetail>('GET', `/api/v1/lessons/${id}`);
}
export async function substituteLesson(id: number, teacherId: number, roomId: number | null, reason: string) {
  return request<LessonDetail>('POST', `/api/v1/lessons/${id}/substitute`, {
    body: { teacherId, ...(roomId ? { roomId } : {}), ...(reason ? { reason } : {}) },
  });
}
export async function cancelLesson(id: number, reason: string) {
  return request<LessonDetail>('POST', `/api/v1/lessons/${id}/cancel`, { body: reason ? { reason } : {} });
}
export async function moveLesson(id: number, date: string, lessonNumber: number, roomId: number | null, reason: string) {
  return request<LessonDetail>('POST', `/api/v1/lessons/${id}/move`, {
    body: { date, lessonNumber, ...(roomId ? { roomId } : {}), ...(reason ? { reason } : {}) },
  });
}
export async function restoreLesson(id: number, reason: string) {
  return request<LessonDetail>('POST', `/api/v1/lessons/${id}/restore`, { body: reason ? { reason } : {} });
}

export type ImportKind = 'roster' | 'staff' | 'fet';
export interface ImportReport {
  file: { format: string; encoding: string; separator: string; sheet: string };
  columns: string[];
  ignoredColumns: string[];
  students: {
    line: number;
    fullName: string;
    birthDate: string;
    sex: string;
    className: string;
    action: 'create' | 'exists';
    parents: { fullName: string; relation: string; phone: string | null; email: string | null; shared: boolean }[];
  }[];
  staff: { line: number; fullName: string; position: string; roles: string[]; login: string; action: 'create' | 'exists' }[];
  timetable: { target: string; slots: number }[];
  unmatched: { kind: string; name: string; lines: number[] }[];
  errors: { line: number; message: string }[];
  lessonsCreated: number;
  applied: boolean;
}
/**
 * Sends the files of an import: one file as it is, or (FET's XML pair) several as JSON text.
 * `query` holds the import's own parameters (order, dates).
 */
export async function runImport(kind: ImportKind, files: File[], query: Record<string, string>, apply: boolean) {
  const params = new URLSearchParams({ ...query, apply: String(apply) });
  if (files.length === 1) {
    params.set('fileName', files[0].name);
    return request<ImportReport>('POST', `/api/v1/imports/${kind}?${params}`, { body: files[0], timeoutMs: 120000 });
  }
  const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  return request<ImportReport>('POST', `/api/v1/imports/${kind}?${params}`, { body: { files: texts }, timeoutMs: 120000 });
}
