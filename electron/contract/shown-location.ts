/*
 * How a list's address is shown (in the main process and in the renderer, e.g. in front of an error message):
 * pure, no imports, so both can use it.
 */

/** Names of query parameters that carry a key ("…/teilnehmer.csv?key=…", "?token=…", "?sig=…"). */
const SECRET_PARAM = /key|token|secret|sig|auth|pass|pwd|hash|session|code/i;

/**
 * A URL as shown: the values of parameters that carry a key hidden ("?key=•••"), and any user and password in it.
 * Such a link is a key to everyone's data; it is kept for fetching, not shown.
 */
export function shownLocation(kind: 'file' | 'url', location: string): { location: string; hasKey: boolean } {
  if (kind !== 'url') return { location, hasKey: false };
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return { location, hasKey: false };
  }
  let hasKey = url.username !== '' || url.password !== '';
  url.username = '';
  url.password = '';
  // Rebuilt by hand: URLSearchParams would percent-encode the dots.
  const query = [...url.searchParams].map(([name, value]) => {
    const hidden = SECRET_PARAM.test(name) && value !== '';
    if (hidden) hasKey = true;
    return `${encodeURIComponent(name)}=${hidden ? '•••' : encodeURIComponent(value)}`;
  });
  const hash = url.hash;
  url.search = '';
  url.hash = '';
  return { location: `${url.toString()}${query.length > 0 ? `?${query.join('&')}` : ''}${hash}`, hasKey };
}

/**
 * An address typed without "http://" or "https://" ("pretix.eu/api/v1/…", copied from a browser's address bar that
 * hides it) completed as a browser would: https, and http for this computer or an address in the local network by
 * number ("localhost:8080/…", "192.168.1.20/export.csv"), where a small export server rarely has a certificate.
 * Anything with a scheme, or no host name in it, is left as it is (and refused later if it is not http(s)).
 */
export function completeUrl(text: string): string {
  const s = text.trim();
  if (s === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return s;
  const host = /^(\[[^\]]*\]|[^/:?#]+)/.exec(s)?.[1] ?? '';
  const local = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i.test(host);
  // A single word is no address ("Anmeldeliste" typed into the wrong field): left for the check to refuse.
  if (!local && !/^[^.\s]+(\.[^.\s]+)+$/.test(host)) return s;
  return `${local ? 'http' : 'https'}://${s}`;
}
