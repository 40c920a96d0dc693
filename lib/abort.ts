/**
 * The project's one AbortError. Stopping a job is not a failure: callers tell it apart with
 * `isAbortError` and go back to idle instead of showing an error. The name matches the DOM's
 * AbortError, so an error thrown by fetch or a TF.js call on an aborted signal is recognised too.
 */

/** A fresh AbortError ("stopped"). */
export function abortError(): Error {
  const e = new Error('stopped');
  e.name = 'AbortError';
  return e;
}

/** Throws the AbortError when the signal has fired; loops call it between steps. Anything with
 *  an `aborted` flag will do (an AbortSignal, or a worker's own stop flag). */
export function throwIfAborted(signal: { readonly aborted: boolean } | null | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** True for any error named AbortError (ours, the DOM's, a worker's re-thrown one). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
