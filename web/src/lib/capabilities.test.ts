import { describe, expect, test } from 'vitest';
import type { SchoolCapabilities } from '../api/types';
import { can, canInClass, canSomewhere } from './capabilities';

const director: SchoolCapabilities[] = [
  { schoolId: 1, actions: ['listPeople', 'manageSchoolStructure', 'excuseAbsence', 'readJournal', 'reviewChanges'], classes: [] },
];
const classTeacher: SchoolCapabilities[] = [
  {
    schoolId: 1,
    actions: ['viewSchoolTimetable', 'readJournal', 'writeLesson'],
    classes: [{ classId: 12, actions: ['viewClass', 'excuseAbsence', 'issueCredentials'] }],
  },
];
const twoSchools: SchoolCapabilities[] = [
  { schoolId: 1, actions: ['readJournal'], classes: [] },
  { schoolId: 2, actions: ['manageAccounts'], classes: [{ classId: 30, actions: ['issueCredentials'] }] },
];

describe('can', () => {
  test.each([
    [director, 'manageSchoolStructure', true],
    [director, 'manageAccounts', false],
    [classTeacher, 'readJournal', true],
    // A class's action is not a school-wide one.
    [classTeacher, 'issueCredentials', false],
    [twoSchools, 'manageAccounts', true],
    [twoSchools, 'readJournal', true],
    [[], 'readJournal', false],
  ] as const)('%#: %s', (capabilities, action, expected) => {
    expect(can({ capabilities: [...capabilities] }, action)).toBe(expected);
  });
});

describe('canSomewhere', () => {
  test.each([
    [director, 'readJournal', true],
    [classTeacher, 'issueCredentials', true],
    [classTeacher, 'keepClassData', false],
    [twoSchools, 'issueCredentials', true],
    [twoSchools, 'excuseAbsence', false],
  ] as const)('%#: %s', (capabilities, action, expected) => {
    expect(canSomewhere({ capabilities: [...capabilities] }, action)).toBe(expected);
  });
});

describe('canInClass', () => {
  test.each([
    // School-wide covers every class.
    [director, 'excuseAbsence', 12, true],
    [director, 'excuseAbsence', 99, true],
    [director, 'issueCredentials', 12, false],
    // The class teacher: in their class only.
    [classTeacher, 'excuseAbsence', 12, true],
    [classTeacher, 'excuseAbsence', 13, false],
    [classTeacher, 'issueCredentials', 12, true],
    [classTeacher, 'keepClassData', 12, false],
    [twoSchools, 'issueCredentials', 30, true],
    [twoSchools, 'issueCredentials', 31, false],
  ] as const)('%#: %s in class %i', (capabilities, action, classId, expected) => {
    expect(canInClass({ capabilities: [...capabilities] }, action, classId)).toBe(expected);
  });
});
