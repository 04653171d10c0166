// What the school's administration and secretary keep: the year's calendar, bells and rooms,
// groups, the class lists with movements and consents, lesson changes, imports
// (docs/api/openapi.yaml).
import { request } from './client';
import type { BellSchedule, Room } from './school';
import type { Answer, Body, Schema } from './types';

export type Period = Schema<'Period'>;
export type PeriodKind = Period['kind'];
export type Holiday = Schema<'Holiday'>;
export type YearDetail = Schema<'Year'>;

export async function listYearDetails(): Promise<YearDetail[]> {
  return (await request<Answer<'/api/v1/years', 'get'>>('GET', '/api/v1/years')).items;
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
  const path = `/api/v1/years/${yearId}/bells`;
  return (await request<Answer<'/api/v1/years/{id}/bells', 'put'>>('PUT', path, { body: { schedules } })).schedules;
}

/** A room with its capacity and note, as the administration keeps it. */
export type RoomDetail = Room;
export async function listRoomDetails(): Promise<RoomDetail[]> {
  return (await request<Answer<'/api/v1/rooms', 'get'>>('GET', '/api/v1/rooms')).items;
}
export async function createRoom(name: string, capacity: number | null, note: string | null) {
  return request<Answer<'/api/v1/rooms', 'post'>>('POST', '/api/v1/rooms', { body: { name, capacity, note } });
}

export type Group = Schema<'Group'>;
export type GroupKind = Group['kind'];
export const kGroupKinds: [GroupKind, string][] = [
  ['subgroup', 'Подгруппа класса'],
  ['learning', 'Учебная группа (электив, профиль)'],
  ['extracurricular', 'Внеурочная деятельность, кружок'],
  ['after_school', 'Группа продлённого дня'],
  ['individual', 'Индивидуальный учебный план'],
];
export type NewGroup = Body<'/api/v1/groups', 'post'>;
export async function listGroups(): Promise<Group[]> {
  return (await request<Answer<'/api/v1/groups', 'get'>>('GET', '/api/v1/groups')).items;
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

export type ClassRoster = Answer<'/api/v1/classes/{id}/students', 'get'>;
export type RosterStudent = ClassRoster['items'][number];
export type RosterParent = NonNullable<RosterStudent['parents']>[number];
export const kRelations: Record<string, string> = { mother: 'мать', father: 'отец', guardian: 'опекун', other: 'представитель' };

export async function classRoster(classId: number, date?: string, signal?: AbortSignal): Promise<ClassRoster> {
  return request<ClassRoster>('GET', `/api/v1/classes/${classId}/students${date ? `?date=${date}` : ''}`, { signal });
}
/** The order a movement is made by. */
export type Order = Pick<Body<'/api/v1/students/{id}/transfer', 'post'>, 'orderNumber' | 'orderDate'>;
export type NewStudent = Body<'/api/v1/students', 'post'>;
export async function admitStudent(student: NewStudent) {
  return request<Answer<'/api/v1/students', 'post'>>('POST', '/api/v1/students', { body: student });
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

export type LessonDetail = Schema<'LessonDetail'>;
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
export type ImportReport = Schema<'ImportReport'>;
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
