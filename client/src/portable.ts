// The few byte and name helpers the extension needs, written on web APIs (TextEncoder, atob,
// crypto.getRandomValues) that both the Node and the browser extension hosts have: the same
// client code runs on both, without Node's Buffer, path or crypto.

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);
export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The last segment of a URI path. */
export const basename = (uriPath: string): string => uriPath.slice(uriPath.lastIndexOf('/') + 1);

/** 16 random bytes in base64: a webview's script nonce. */
export function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
