import { describe, expect, it } from 'vitest';
import { isBareNumber, withoutLeadingZeros } from '../../electron/core/text/leading-zeros';

describe('leading zeros of ids and codes', () => {
  it('a number with leading zeros comes without them; anything else has none to take off', () => {
    expect(['0070', '00123', '007', '00'].map(withoutLeadingZeros)).toEqual(['70', '123', '7', '0']);
    expect(['70', '0', 'C-0070', '0070a', '0,5', '', ' 0070'].map(withoutLeadingZeros)).toEqual([null, null, null, null, null, null, null]);
  });

  it('a bare number is digits without a leading zero', () => {
    expect(['70', '1', '1234567890'].map(isBareNumber)).toEqual([true, true, true]);
    expect(['0', '070', '7a', '', '-7'].map(isBareNumber)).toEqual([false, false, false, false, false]);
  });
});
