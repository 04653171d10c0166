// What the signed-in user may do, as GET /api/v1/me's `capabilities` says: per school, the actions
// allowed school-wide, and per class the user leads, those allowed in that class. The server's
// rights function decides; the pages only ask here what to offer.
import type { Action, Me } from '../api/types';

type WithCapabilities = Pick<Me, 'capabilities'>;

/** The user may do `action` school-wide (in some school of theirs). */
export function can(me: WithCapabilities, action: Action): boolean {
  return me.capabilities.some((school) => school.actions.includes(action));
}

/** The user may do `action` somewhere: school-wide or in a class they lead (a menu entry to offer). */
export function canSomewhere(me: WithCapabilities, action: Action): boolean {
  return me.capabilities.some((school) => school.actions.includes(action) || school.classes.some((c) => c.actions.includes(action)));
}

/** The user may do `action` in class `classId`: school-wide, or as the class's teacher. */
export function canInClass(me: WithCapabilities, action: Action, classId: number): boolean {
  return me.capabilities.some(
    (school) => school.actions.includes(action) || school.classes.some((c) => c.classId === classId && c.actions.includes(action)),
  );
}
