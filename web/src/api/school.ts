// School structure and the timetable: classes, curriculum, subjects, rooms, staff, years and
// bells, weekly templates and dated lessons (docs/api/openapi.yaml).
import { request, requestFile } from './client';

export interface Named {
  id: number;
  name: string;
}
export interface PersonRef {
  id: number;
  fullName: string;
}
export interface SchoolClass {
  id: number;
  name: string;
  grade: number;
  letter: string;
  yearId: number;
  shift: number;
  students: number;
  classTeacher: PersonRef | null;
}
export interface Subject {
  id: number;
  name: string;
  shortName: string;
}
export interface Room {
  id: number;
  name: string;
}
export interface Person {
  id: number;
  fullName: string;
  login?: string | null;
  locked?: boolean;
  roles: { role: string; position?: string }[];
}
export interface CurriculumLine {
  subject: Subject;
  hoursPerWeek: number;
  teachers: PersonRef[];
}
export interface Year {
  id: number;
  name: string;
  current: boolean;
  workingDays: number;
}
export interface BellLesson {
  number: number;
  start: string;
  end: string;
}
export interface BellSchedule {
  name: string;
  shift: number;
  weekdays: number[];
  lessons: BellLesson[];
}
export interface LessonRef {
  lessonId: number;
  date: string;
  lessonNumber: number;
}
export type LessonStatus = 'planned' | 'substituted' | 'cancelled' | 'moved';
export interface Lesson {
  id: number;
  date: string;
  lessonNumber: number;
  start: string;
  end: string;
  subject: Named;
  teacher: PersonRef;
  plannedTeacher: PersonRef | null;
  room: Named | null;
  class: Named | null;
  group: Named | null;
  status: LessonStatus;
  movedTo: LessonRef | null;
  movedFrom: LessonRef | null;
  reason: string | null;
}
export interface TemplateSlot {
  id?: number;
  weekday: number;
  lessonNumber: number;
  subject: Named;
  teacher: PersonRef;
  room: Named | null;
  validFrom?: string;
}
export interface Template {
  name: string;
  date: string;
  slots: TemplateSlot[];
}
export interface NewSlot {
  weekday: number;
  lessonNumber: number;
  subjectId: number;
  teacherId: number;
  roomId?: number;
}

interface Items<T> {
  items: T[];
}

export async function listClasses(): Promise<SchoolClass[]> {
  return (await request<Items<SchoolClass>>('GET', '/api/v1/classes')).items;
}
export async function createClass(grade: number, letter: string, classTeacherId: number | null, shift: number) {
  return request<SchoolClass>('POST', '/api/v1/classes', {
    body: { grade, letter, classTeacherId, shift },
  });
}
export async function listSubjects(): Promise<Subject[]> {
  return (await request<Items<Subject>>('GET', '/api/v1/subjects')).items;
}
export async function listRooms(): Promise<Room[]> {
  return (await request<Items<Room>>('GET', '/api/v1/rooms')).items;
}
export async function listStaff(role: string): Promise<Person[]> {
  return (await request<Items<Person>>('GET', `/api/v1/users?role=${encodeURIComponent(role)}&limit=500`)).items;
}
export interface NewStaff {
  login: string;
  password: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  position?: string;
  roles: string[];
}
export async function createStaff(account: NewStaff): Promise<Person> {
  return request<Person>('POST', '/api/v1/users', { body: account });
}
export async function getCurriculum(classId: number): Promise<CurriculumLine[]> {
  return (await request<Items<CurriculumLine>>('GET', `/api/v1/classes/${classId}/curriculum`)).items;
}
export async function setCurriculum(
  classId: number,
  lines: { subjectId: number; hoursPerWeek: number; teacherIds: number[] }[],
): Promise<CurriculumLine[]> {
  return (await request<Items<CurriculumLine>>('PUT', `/api/v1/classes/${classId}/curriculum`, { body: { items: lines } }))
    .items;
}
export async function listYears(): Promise<Year[]> {
  return (await request<Items<Year>>('GET', '/api/v1/years')).items;
}
export async function getBells(yearId: number): Promise<BellSchedule[]> {
  return (await request<{ schedules: BellSchedule[] }>('GET', `/api/v1/years/${yearId}/bells`)).schedules;
}
export async function getTemplate(classId: number, date?: string): Promise<Template> {
  const at = date ? `&date=${date}` : '';
  return request<Template>('GET', `/api/v1/timetable/template?classId=${classId}${at}`);
}
export interface TemplateSaved extends Template {
  lessonsCreated: number;
  lessonsKept: number;
  lessonsRetired: number;
}
export async function setTemplate(classId: number, validFrom: string, slots: NewSlot[]): Promise<TemplateSaved> {
  return request<TemplateSaved>('PUT', '/api/v1/timetable/template', { body: { classId, validFrom, slots } });
}
export async function myTimetable(from: string, to: string, studentId?: number): Promise<Lesson[]> {
  const child = studentId ? `&studentId=${studentId}` : '';
  return (await request<Items<Lesson>>('GET', `/api/v1/me/timetable?from=${from}&to=${to}${child}`)).items;
}
export type TimetableView = 'classId' | 'teacherId' | 'roomId';
export async function schoolTimetable(from: string, to: string, view?: TimetableView, id?: number): Promise<Lesson[]> {
  const filter = view && id ? `&${view}=${id}` : '';
  return (await request<Items<Lesson>>('GET', `/api/v1/timetable?from=${from}&to=${to}${filter}`)).items;
}

export interface ActivationCount {
  total: number;
  activated: number;
}
export async function classActivation(classId: number): Promise<{ students: ActivationCount; parents: ActivationCount }> {
  return request('GET', `/api/v1/credentials/status?classId=${classId}`);
}
/** Printable slips with one-time codes for those of the class who haven't signed in yet. */
export async function credentialSlips(classId: number, who: 'students' | 'parents' | 'all'): Promise<Blob> {
  return requestFile('POST', '/api/v1/credentials', { classId, who, format: 'pdf' });
}

export interface LoadLine {
  classId: number | null;
  className: string | null;
  groupId: number | null;
  groupName: string | null;
  subject: Subject | null;
  hoursPerWeek: number;
}
export interface TeacherLoad {
  teacher: PersonRef;
  hoursPerWeek: number;
  items: LoadLine[];
}
/** The classes, groups and hours a teacher has this year (the teacher and the administration). */
export async function teacherLoad(teacherId: number): Promise<TeacherLoad> {
  return request<TeacherLoad>('GET', `/api/v1/teachers/${teacherId}/load`);
}
