// Shapes of the JSON the server sends, from docs/api/openapi.yaml (the contract) through the
// generated schema.d.ts (`npm run gen:api`). The resource modules name the shapes they use here
// or beside their requests; a shape the spec doesn't describe is not guessed at.
import type { components, paths } from './schema';

/** A named schema of the spec. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

type Ok = 200 | 201;
/** The JSON body of a successful answer to `method` on `path`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? { [S in keyof R & Ok]: R[S] extends { content: { 'application/json': infer T } } ? T : never }[keyof R & Ok]
  : never;

/** The JSON body `method` on `path` takes. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type RoleCode = Schema<'Role'>;
export type Child = Schema<'Child'>;
export type RoleAssignment = Schema<'RoleGrant'>;
export type Action = Schema<'Action'>;
export type SchoolCapabilities = Schema<'SchoolCapabilities'>;
export type Me = Schema<'Me'>;
/** Body of every error answer: {"error": {"code": "...", "message": "..."}}. */
export type ErrorBody = Schema<'Error'>;
export type Named = Schema<'Named'>;
export type PersonRef = Schema<'PersonRef'>;
