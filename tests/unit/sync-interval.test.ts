import { expect, test } from 'vitest';
import { parseInterval } from '../../renderer/src/screens/sync/interval';

test('the interval field takes whole minutes from 1 to 1440, empty as "on demand only", and refuses the rest', () => {
  expect(parseInterval('')).toEqual({ ok: true, minutes: null });
  expect(parseInterval('   ')).toEqual({ ok: true, minutes: null });
  expect(parseInterval('1')).toEqual({ ok: true, minutes: 1 });
  expect(parseInterval(' 30 ')).toEqual({ ok: true, minutes: 30 });
  expect(parseInterval('15 min')).toEqual({ ok: true, minutes: 15 });
  expect(parseInterval('15 Minuten')).toEqual({ ok: true, minutes: 15 });
  expect(parseInterval('1440')).toEqual({ ok: true, minutes: 1440 });
  for (const bad of ['0,5', '0.5', '5.0', 'abc', '0', '1441', '-5', '5 Stunden', 'min', '1e3', '99999999']) {
    expect(parseInterval(bad), bad).toEqual({ ok: false });
  }
});
