import { describe, expect, it } from 'vitest';
import { formatListValue } from '../../renderer/src/format';

describe('formatListValue: dates of the registration list as the UI shows them', () => {
  const de = (value: string) => formatListValue(value, 'de', 'Europe/Berlin');

  it('a date, as German users write it', () => {
    expect(de('2026-09-14')).toBe('14.09.2026');
    expect(de('2024-02-29')).toBe('29.02.2024');
  });

  it('a date-time with a zone, in the event\'s time zone (summer and winter time)', () => {
    expect(de('2026-09-14T10:22:11Z')).toBe('14.09.2026, 12:22');
    expect(de('2026-09-14T10:22:11.000Z')).toBe('14.09.2026, 12:22');
    expect(de('2026-12-01T23:30:00Z')).toBe('02.12.2026, 00:30');
    expect(de('2026-09-14T10:22:11+02:00')).toBe('14.09.2026, 10:22');
    expect(de('2026-09-14T10:22-0500')).toBe('14.09.2026, 17:22');
    expect(formatListValue('2026-09-14T10:22:11Z', 'de', 'Europe/London')).toBe('14.09.2026, 11:22');
  });

  it('a date-time without a zone (how an Excel date cell is read) as written', () => {
    expect(de('2026-09-14 10:22')).toBe('14.09.2026, 10:22');
    expect(de('2026-09-14T10:22:11')).toBe('14.09.2026, 10:22');
    expect(de('2026-03-29 02:30')).toBe('29.03.2026, 02:30');
  });

  it('in English as in the UK: day before month, 24 hours, as the other dates of the app', () => {
    const en = (value: string) => formatListValue(value, 'en', 'Europe/Berlin');
    expect(en('2026-09-14')).toBe('14/09/2026');
    expect(en('2026-09-14T10:22:11Z')).toBe('14/09/2026, 12:22');
  });

  it('a list of dates (the days of a registration) item by item, other items as they are', () => {
    expect(de('2026-10-18, 2026-10-19')).toBe('18.10.2026, 19.10.2026');
    expect(de('2026-10-18, beide Tage, 2026-10-19T08:00:00Z')).toBe('18.10.2026, beide Tage, 19.10.2026, 10:00');
    expect(de('Workshop A, Workshop B')).toBe('Workshop A, Workshop B');
  });

  it('a JSON list\'s array (joined by "; ") item by item too: a sample of days shows one format (qa13, C7)', () => {
    expect(de('2023-10-18; 2023-10-19')).toBe('18.10.2023; 19.10.2023');
    expect(de('2023-10-18; Workshop A, 2023-10-19')).toBe('18.10.2023; Workshop A, 19.10.2023');
    expect(de('Workshop A; Workshop B')).toBe('Workshop A; Workshop B');
  });

  it('anything that is not exactly an ISO date or date-time stays as it is', () => {
    for (const value of [
      '14.09.2026', '2026-09-14 und 15', 'am 2026-09-14', '2026-9-14', '20260914', '2026-09', '2026-09-14T', '2026-09-14T10',
      '2026-02-30', '2026-13-01', '2026-09-14T24:00', '2026-09-14T10:60', '2026-09-14T10:22:11+99:00', '12345', 'Vegetarisch', '',
    ]) {
      expect(de(value)).toBe(value);
    }
  });
});
