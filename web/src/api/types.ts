// Shapes of the JSON the server sends (docs: API contract v1). Kept in one place so every
// resource module and page agrees on them.

export type RoleCode =
  | 'administrator'
  | 'director'
  | 'deputy'
  | 'teacher'
  | 'class_teacher'
  | 'student'
  | 'parent'
  | 'secretary';

export interface Child {
  id: number;
  fullName: string;
  classId: number | null;
  className: string | null;
}

export interface RoleAssignment {
  role: RoleCode;
  schoolId: number;
  schoolName: string;
  /** Present for class_teacher and student. */
  classId?: number;
  className?: string;
  /** Present for parent. */
  children?: Child[];
}

export interface Me {
  id: number;
  login: string;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  csrfToken: string;
  roles: RoleAssignment[];
}

/** Body of every error answer: {"error": {"code": "...", "message": "..."}}. */
export interface ErrorBody {
  error: { code: string; message: string };
}
