// A thin fetch wrapper shared by the resource modules. It guarantees:
// - cookies are sent (same origin only) and JSON is sent and expected;
// - every non-GET request carries X-CSRF-Token once a token is known;
// - any failure (HTTP error, network, timeout, malformed answer) becomes an ApiError
//   whose message is Russian text fit to show to the user as is.
import type { ErrorBody } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole error body, for answers that carry more than the message (an import's report). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** The text to show for a failure: the API's Russian message, or `fallback` for anything else. */
export function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

/**
 * True when the server could not be reached or failed itself (worth sending again later), false
 * when it answered and refused.
 */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** JSON, or a Blob (a File) sent as it is. */
  body?: unknown;
  /** When false, a 401 answer is not reported to the unauthorized handler (login, start-up probe). */
  reportUnauthorized?: boolean;
  timeoutMs?: number;
  /** Cancels the request (the page asked again, or closed); it then fails with code request.aborted. */
  signal?: AbortSignal;
}

const kDefaultTimeoutMs = 15000;

let csrfToken: string | null = null;
let onUnauthorized: ((error: ApiError) => void) | null = null;

/** The token the server issued with the session; kept in memory only. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request made inside a session answers 401 (session expired or ended). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fallbackError(status: number): ApiError {
  if (status === 401) {
    return new ApiError(status, 'auth.unauthenticated', 'Требуется вход в систему.');
  }
  if (status >= 500) {
    return new ApiError(status, `http.${status}`, `Ошибка сервера (код ${status}). Повторите попытку позже.`);
  }
  return new ApiError(status, `http.${status}`, `Сервер отклонил запрос (код ${status}).`);
}

/**
 * Sends one request to the API and returns the parsed JSON answer (undefined for 204).
 * Throws ApiError for every failure; never throws anything else.
 */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? kDefaultTimeoutMs);
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel);
  if (options.signal?.aborted) controller.abort();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
  } catch {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    if (options.signal?.aborted) throw new ApiError(0, 'request.aborted', 'Запрос отменён.');
    if (controller.signal.aborted) {
      throw new ApiError(0, 'network.timeout', 'Сервер не ответил вовремя. Повторите попытку.');
    }
    throw new ApiError(0, 'network.unavailable', 'Нет связи с сервером. Проверьте подключение и повторите попытку.');
  }

  let payload: unknown;
  try {
    payload = await readJson(response);
  } catch {
    throw new ApiError(0, 'network.unavailable', 'Связь с сервером прервалась. Повторите попытку.');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }

  if (response.ok) return payload as T;

  const error = isErrorBody(payload)
    ? new ApiError(response.status, payload.error.code, payload.error.message, payload)
    : fallbackError(response.status);
  if (response.status === 401 && options.reportUnauthorized !== false && onUnauthorized !== null) {
    onUnauthorized(error);
  }
  throw error;
}

/**
 * Sends a JSON request whose answer is a file (a PDF to print); returns it as a Blob. Errors
 * come back as JSON and become ApiError as with request().
 */
export async function requestFile(method: HttpMethod, path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network.unavailable', 'Нет связи с сервером. Проверьте подключение и повторите попытку.');
  }
  if (response.ok) return response.blob();
  const payload = await readJson(response).catch(() => undefined);
  throw isErrorBody(payload)
    ? new ApiError(response.status, payload.error.code, payload.error.message)
    : fallbackError(response.status);
}
