import { describe, expect, it } from 'vitest';
import { completeUrl } from '../../electron/contract/shown-location';
import { shownLocation } from '../../electron/core/sync/views';

describe('a URL list as shown', () => {
  it('hides keys in the query and the user and password, keeps the rest in place', () => {
    expect(shownLocation('url', 'http://h:1/a/export.csv?key=geheim42&format=csv')).toEqual({ location: 'http://h:1/a/export.csv?key=•••&format=csv', hasKey: true });
    expect(shownLocation('url', 'https://anna:pw@h/x?token=a#teil')).toEqual({ location: 'https://h/x?token=•••#teil', hasKey: true });
    expect(shownLocation('url', 'https://docs.example/pub?output=csv')).toEqual({ location: 'https://docs.example/pub?output=csv', hasKey: false });
    expect(shownLocation('file', 'C:\\Listen\\anmeldungen.csv?key=1')).toEqual({ location: 'C:\\Listen\\anmeldungen.csv?key=1', hasKey: false });
  });
});

describe('an address typed without its scheme', () => {
  it('is completed as a browser would: https, http for this computer and local addresses by number', () => {
    expect(completeUrl('pretix.eu/api/v1/organizers/k3b/events/pft23/orderpositions/')).toBe('https://pretix.eu/api/v1/organizers/k3b/events/pft23/orderpositions/');
    expect(completeUrl('  www.example.org/export.csv?key=1 ')).toBe('https://www.example.org/export.csv?key=1');
    expect(completeUrl('127.0.0.1:8499/anmeldungen.csv')).toBe('http://127.0.0.1:8499/anmeldungen.csv');
    expect(completeUrl('localhost:8080/liste.csv')).toBe('http://localhost:8080/liste.csv');
    expect(completeUrl('192.168.1.20/export.csv')).toBe('http://192.168.1.20/export.csv');
    expect(completeUrl('[::1]:8080/x')).toBe('http://[::1]:8080/x');
  });

  it('leaves an address with a scheme, a single word and nothing as they are (refused later where wrong)', () => {
    expect(completeUrl('https://h.example/a')).toBe('https://h.example/a');
    expect(completeUrl('http://127.0.0.1:1/a')).toBe('http://127.0.0.1:1/a');
    expect(completeUrl('ftp://example.org/liste.csv')).toBe('ftp://example.org/liste.csv');
    expect(completeUrl('nur-ein-name')).toBe('nur-ein-name');
    expect(completeUrl('Anmeldeliste 2025')).toBe('Anmeldeliste 2025');
    expect(completeUrl('')).toBe('');
  });
});
