/**
 * decodeURIComponent that never throws. Anything a reader can type into the address bar reaches
 * the page (`#%`, `#100%`, `#a%2`), and a malformed escape must not take a chapter down with a
 * URIError: such text is kept as typed, which is also what the browser itself matches ids against.
 */
export function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The element id a location hash points at (`#cell-forward` → `cell-forward`; '' for none). */
export function hashTargetId(hash: string): string {
  return safeDecodeURIComponent(hash.startsWith('#') ? hash.slice(1) : hash);
}
