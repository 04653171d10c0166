// School structure and the timetable: classes, curriculum, subjects, rooms, staff, years and
// bells, weekly templates and dated lessons (docs/api/openapi.yaml).
import { request, requestFile } from './client';
import type { Answer, Body, Schema } from './types';

export type { Named, PersonRef } from './types';
export type SchoolClass = Schema<'Class'>;
export type Subject = Schema<'Subject'>;
export type Room = Schema<'Room'>;
export type Person = Schema<'Person'>;
export type CurriculumLine = Schema<'Curriculum'>['items'][number];
export type Year = Schema<'Year'>;
export type BellSchedule = Answer<'/api/v1/years/{id}/bells', 'get'>['schedules'][number];
export type Lesson = Schema<'Lesson'>;
export type LessonStatus = Lesson['status'];
export type Template = Schema<'Template'>;
export type TemplateSaved = Answer<'/api/v1/timetable/template', 'put'>;
/** A slot of the weekly template as it is sent. */
export type NewSlot = Schema<'TemplateSlot'>;
export type NewStaff = Body<'/api/v1/users', 'post'>;
export type ActivationCount = Schema<'ActivationCount'>;
export type TeacherLoad = Answer<'/api/v1/teachers/{id}/load', 'get'>;

export async function listClasses(signal?: AbortSignal): Promise<SchoolClass[]> {
  return (await request<Answer<'/api/v1/classes', 'get'>>('GET', '/api/v1/classes', { signal })).items;
}
export async function createClass(grade: number, letter: string, classTeacherId: number | null, shift: number) {
  return request<Answer<'/api/v1/classes', 'post'>>('POST', '/api/v1/classes', {
    body: { grade, letter, classTeacherId, shift },
  });
}
export async function listSubjects(): Promise<Subject[]> {
  return (await request<Answer<'/api/v1/subjects', 'get'>>('GET', '/api/v1/subjects')).items;
}
export async function listRooms(signal?: AbortSignal): Promise<Room[]> {
  return (await request<Answer<'/api/v1/rooms', 'get'>>('GET', '/api/v1/rooms', { signal })).items;
}
export async function listStaff(role: string, signal?: AbortSignal): Promise<Person[]> {
  const path = `/api/v1/users?role=${encodeURIComponent(role)}&limit=500`;
  return (await request<Answer<'/api/v1/users', 'get'>>('GET', path, { signal })).items;
}
export async function createStaff(account: NewStaff): Promise<Person> {
  return request<Answer<'/api/v1/users', 'post'>>('POST', '/api/v1/users', { body: account });
}
export async function getCurriculum(classId: number): Promise<CurriculumLine[]> {
  return (await request<Answer<'/api/v1/classes/{id}/curriculum', 'get'>>('GET', `/api/v1/classes/${classId}/curriculum`)).items;
}
export async function setCurriculum(
  classId: number,
  lines: Body<'/api/v1/classes/{id}/curriculum', 'put'>['items'],
): Promise<CurriculumLine[]> {
  const path = `/api/v1/classes/${classId}/curriculum`;
  return (await request<Answer<'/api/v1/classes/{id}/curriculum', 'put'>>('PUT', path, { body: { items: lines } })).items;
}
export async function listYears(): Promise<Year[]> {
  return (await request<Answer<'/api/v1/years', 'get'>>('GET', '/api/v1/years')).items;
}
export async function getBells(yearId: number, signal?: AbortSignal): Promise<BellSchedule[]> {
  return (await request<Answer<'/api/v1/years/{id}/bells', 'get'>>('GET', `/api/v1/years/${yearId}/bells`, { signal })).schedules;
}
export async function getTemplate(classId: number, date?: string): Promise<Template> {
  const at = date ? `&date=${date}` : '';
  return request<Template>('GET', `/api/v1/timetable/template?classId=${classId}${at}`);
}
export async function setTemplate(classId: number, validFrom: string, slots: NewSlot[]): Promise<TemplateSaved> {
  return request<TemplateSaved>('PUT', '/api/v1/timetable/template', { body: { classId, validFrom, slots } });
}
export async function myTimetable(from: string, to: string, studentId?: number, signal?: AbortSignal): Promise<Lesson[]> {
  const child = studentId ? `&studentId=${studentId}` : '';
  const path = `/api/v1/me/timetable?from=${from}&to=${to}${child}`;
  return (await request<Answer<'/api/v1/me/timetable', 'get'>>('GET', path, { signal })).items;
}
export type TimetableView = 'classId' | 'teacherId' | 'roomId';
export async function schoolTimetable(from: string, to: string, view?: TimetableView, id?: number, signal?: AbortSignal): Promise<Lesson[]> {
  const filter = view && id ? `&${view}=${id}` : '';
  const path = `/api/v1/timetable?from=${from}&to=${to}${filter}`;
  return (await request<Answer<'/api/v1/timetable', 'get'>>('GET', path, { signal })).items;
}

export async function classActivation(classId: number) {
  return request<Answer<'/api/v1/credentials/status', 'get'>>('GET', `/api/v1/credentials/status?classId=${classId}`);
}
/** Printable slips with one-time codes for those of the class who haven't signed in yet. */
export async function credentialSlips(classId: number, who: 'students' | 'parents' | 'all'): Promise<Blob> {
  return requestFile('POST', '/api/v1/credentials', { classId, who, format: 'pdf' });
}

/** The classes, groups and hours a teacher has this year (the teacher and the administration). */
export async function teacherLoad(teacherId: number): Promise<TeacherLoad> {
  return request<TeacherLoad>('GET', `/api/v1/teachers/${teacherId}/load`);
}
