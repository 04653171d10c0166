// How each role is named and described on the home page. Display text only: what a role may
// do is decided by the server.
import type { RoleAssignment } from '../api/types';

export interface RoleText {
  title: string;
  /** What this role will do in the journal. */
  purpose: string;
}

const kRoleTexts: Record<string, RoleText> = {
  administrator: {
    title: 'Администратор',
    purpose: 'Учётные записи и роли пользователей, классы, учебный год и настройки школы.',
  },
  director: {
    title: 'Директор',
    purpose: 'Сводные отчёты об успеваемости и посещаемости по всей школе.',
  },
  deputy: {
    title: 'Заместитель директора',
    purpose: 'Расписание, учебная нагрузка, контроль заполнения журнала и отчёты.',
  },
  teacher: {
    title: 'Учитель',
    purpose: 'Классный журнал: отметки, посещаемость, темы уроков и домашние задания.',
  },
  class_teacher: {
    title: 'Классный руководитель',
    purpose: 'Сводная успеваемость и посещаемость своего класса, связь с родителями.',
  },
  student: {
    title: 'Ученик',
    purpose: 'Дневник: расписание, домашние задания и отметки.',
  },
  parent: {
    title: 'Родитель',
    purpose: 'Дневник ребёнка: отметки, посещаемость и домашние задания.',
  },
  secretary: {
    title: 'Секретарь',
    purpose: 'Списки учеников, зачисление и выбытие, справки.',
  },
};

/** Text for a role; a role this version does not know yet is shown by its code. */
export function roleText(role: string): RoleText {
  return kRoleTexts[role] ?? { title: role, purpose: 'Роль пока не описана в этой версии интерфейса.' };
}

export interface SchoolRoles {
  schoolId: number;
  schoolName: string;
  roles: RoleAssignment[];
}

/** Groups the user's roles by school, keeping the server's order. */
export function groupBySchool(roles: RoleAssignment[]): SchoolRoles[] {
  const groups: SchoolRoles[] = [];
  for (const role of roles) {
    let group = groups.find((g) => g.schoolId === role.schoolId);
    if (group === undefined) {
      group = { schoolId: role.schoolId, schoolName: role.schoolName, roles: [] };
      groups.push(group);
    }
    group.roles.push(role);
  }
  return groups;
}
