import { describe, expect, it } from 'vitest';
import { shownLocation } from '../../electron/core/sync/views';

describe('a URL list as shown', () => {
  it('hides keys in the query and the user and password, keeps the rest in place', () => {
    expect(shownLocation('url', 'http://h:1/a/export.csv?key=geheim42&format=csv')).toEqual({ location: 'http://h:1/a/export.csv?key=•••&format=csv', hasKey: true });
    expect(shownLocation('url', 'https://anna:pw@h/x?token=a#teil')).toEqual({ location: 'https://h/x?token=•••#teil', hasKey: true });
    expect(shownLocation('url', 'https://docs.example/pub?output=csv')).toEqual({ location: 'https://docs.example/pub?output=csv', hasKey: false });
    expect(shownLocation('file', 'C:\\Listen\\anmeldungen.csv?key=1')).toEqual({ location: 'C:\\Listen\\anmeldungen.csv?key=1', hasKey: false });
  });
});
