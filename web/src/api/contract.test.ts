// The route table of the server (src/http/routes.cpp) and the API contract (docs/api/openapi.yaml)
// name the same endpoints: every route is documented, and every documented path and method is served.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import routesCpp from '../../../src/http/routes.cpp?raw';
import openapiYaml from '../../../docs/api/openapi.yaml?raw';

const kMethods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** "GET /api/v1/users/{id}" for each line `{kGet, "/api/v1/users/{id}", ...}` or `{Method::kPut, "...", ...}`. */
function routesOf(source: string): string[] {
  const route = /\{\s*(?:Method::)?k(Get|Post|Put|Patch|Delete)\s*,\s*"([^"]+)"/g;
  return [...source.matchAll(route)].map((m) => `${m[1].toUpperCase()} ${m[2]}`);
}

/** The same for every operation of an OpenAPI document. */
function operationsOf(spec: { paths?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    kMethods.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('routesOf', () => {
  test('reads both spellings of the method', () => {
    const source = `
      {kGet, "/api/v1/users/{id}", h::GetUser, kSession, kWorker},
      {Method::kPut, "/api/v1/years/{id}/calendar", h::SetCalendar, kSession, kWorker},
      {Method::kPatch, "/api/v1/marks/{id}", h::CorrectMark, kSession, kWorker},
      {Method::kDelete, "/api/v1/x/{id}", h::X, kSession, kWorker},
      {kPost, "/api/v1/auth/login", h::Login, kPublic, kWorker},`;
    expect(routesOf(source)).toEqual([
      'GET /api/v1/users/{id}',
      'PUT /api/v1/years/{id}/calendar',
      'PATCH /api/v1/marks/{id}',
      'DELETE /api/v1/x/{id}',
      'POST /api/v1/auth/login',
    ]);
  });
});

describe('the route table and docs/api/openapi.yaml', () => {
  const routes = routesOf(routesCpp);
  const documented = operationsOf(parse(openapiYaml));

  test('the route table was read', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(new Set(routes).size).toBe(routes.length);
  });

  test('every route of the server is in the spec', () => {
    // The health probe is for load balancers, not part of the API.
    const missing = routes.filter((r) => !documented.includes(r) && r !== 'GET /healthz');
    expect(missing).toEqual([]);
  });

  test('every path and method of the spec is served', () => {
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]);
  });
});
