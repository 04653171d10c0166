import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, errorText, isUnreachable, request } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('errorText', () => {
  test('the API error carries its Russian text', () => {
    expect(errorText(new ApiError(400, 'x', 'Неверно.'), 'Не удалось.')).toBe('Неверно.');
  });
  test('anything else shows the fallback', () => {
    expect(errorText(new Error('boom'), 'Не удалось.')).toBe('Не удалось.');
    expect(errorText('boom', 'Не удалось.')).toBe('Не удалось.');
  });
});

describe('isUnreachable', () => {
  test.each([
    [new ApiError(0, 'network.unavailable', ''), true],
    [new ApiError(500, 'internal', ''), true],
    [new ApiError(503, 'server.busy', ''), true],
    [new TypeError('failed'), true],
    [new ApiError(400, 'request.invalid_value', ''), false],
    [new ApiError(403, 'access.forbidden', ''), false],
    [new ApiError(409, 'conflict', ''), false],
  ])('%o: %j', (error, expected) => {
    expect(isUnreachable(error)).toBe(expected);
  });
});

describe('request', () => {
  test('an aborted request fails with request.aborted', async () => {
    vi.stubGlobal('fetch', (_: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const controller = new AbortController();
    const answer = request('GET', '/api/v1/me', { signal: controller.signal });
    controller.abort();
    await expect(answer).rejects.toMatchObject({ status: 0, code: 'request.aborted' });
  });

  test('a request made with a signal already aborted fails at once', async () => {
    vi.stubGlobal('fetch', (_: string, init: RequestInit) =>
      init.signal?.aborted ? Promise.reject(new DOMException('aborted', 'AbortError')) : Promise.resolve(new Response('{}')),
    );
    const controller = new AbortController();
    controller.abort();
    await expect(request('GET', '/api/v1/me', { signal: controller.signal })).rejects.toMatchObject({ code: 'request.aborted' });
  });

  test('the error body becomes an ApiError with its Russian message', async () => {
    const body = JSON.stringify({ error: { code: 'mark.invalid_value', message: 'Нет такой отметки.' } });
    vi.stubGlobal('fetch', async () => new Response(body, { status: 400 }));
    await expect(request('POST', '/api/v1/journals/1/marks', { body: {} })).rejects.toMatchObject({
      status: 400,
      code: 'mark.invalid_value',
      message: 'Нет такой отметки.',
    });
  });

  test('no connection is status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('GET', '/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'network.unavailable' });
  });
});
