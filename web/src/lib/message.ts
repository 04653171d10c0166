// The notice under a form or in a panel: what was done, or why it was not.
import { errorText } from '../api/client';

export type Message = { kind: 'error' | 'success'; text: string };

export function okMessage(text: string): Message {
  return { kind: 'success', text };
}

/** A refusal the page itself makes (a missing reason), before asking the server. */
export function errorMessage(text: string): Message {
  return { kind: 'error', text };
}

/** A failed request: the API's own Russian text, or `fallback` for anything else. */
export function failureMessage(error: unknown, fallback: string): Message {
  return { kind: 'error', text: errorText(error, fallback) };
}
