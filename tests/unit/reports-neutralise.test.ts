import { describe, expect, it } from 'vitest';
import { csvCell } from '../../electron/core/reports/csv-writer';
import { isDangerous, neutralise, neutraliseInWorkbook } from '../../electron/core/reports/neutralise';
import { HOSTILE } from '../helpers/hostile-strings';

const t = (k: string) => k;


describe('formula neutralisation', () => {
  it.each(HOSTILE)('neutralises %j with a leading apostrophe', (s) => {
    expect(isDangerous(s)).toBe(true);
    expect(neutralise(s)).toBe(`'${s}`);
    expect(isDangerous(neutralise(s))).toBe(false);
    // In a workbook too, but for sums of numbers: nothing to run there, even if edited.
    expect(neutraliseInWorkbook(s)).toBe(s === '-2+3' ? s : `'${s}`);
  });

  it('in a workbook, a phone number or a signed number keeps its sign without an apostrophe; a formula after it does not', () => {
    for (const s of ['+49 171 0000000', '+49 (0)3443 / 30 10', '-5', ' -12.5']) expect(neutraliseInWorkbook(s)).toBe(s);
    for (const s of ['+49+HYPERLINK("x")', '-1+cmd|x', '=1+1', '@SUM(A1)']) expect(neutraliseInWorkbook(s)).toBe(`'${s}`);
  });

  it('in a workbook, a name or word after a sign shows as it is: nothing can run from it, even edited', () => {
    for (const s of ['-Schmidt', '@home', '+ Gäste', '-Hans-Jürgen O\'Neill', ' -Müller.']) expect(neutraliseInWorkbook(s)).toBe(s);
    for (const s of ['-Schmidt(1)', '@x|y', '-a!b', '+"x"', '-a=b', '-a&b']) expect(neutraliseInWorkbook(s)).toBe(`'${s}`);
    // In a CSV, read as text by whatever program opens it: the apostrophe stays.
    expect(neutralise('-Schmidt')).toBe("'-Schmidt");
  });

  it('leaves ordinary text alone, including names with hyphens, e-mails and phone-like text inside', () => {
    for (const s of ['Jürgen Müller', 'Hans-Jürgen', 'a@b.example', 'Stadt Weißenfels', 'Tel. +49 171', '50 %', "O'Neill", '']) {
      expect(neutralise(s)).toBe(s);
    }
  });

  it('CSV cells: neutralised, then quoted where the text needs it', () => {
    expect(csvCell('=1+1', 'text', ';', t)).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("x";"y")', 'text', ';', t)).toBe(`"'=HYPERLINK(""x"";""y"")"`);
    expect(csvCell('Müller; Jürgen', 'text', ';', t)).toBe('"Müller; Jürgen"');
    expect(csvCell('Zeile\numbruch', 'text', ',', t)).toBe('"Zeile\numbruch"');
    expect(csvCell(-5, 'number', ';', t)).toBe('-5');
    expect(csvCell(0.455, 'percent', ';', t)).toBe('45,5%');
    expect(csvCell(0.455, 'percent', ',', t)).toBe('45.5%');
    expect(csvCell(new Date(Date.UTC(2023, 9, 18, 9, 30)), 'datetime', ';', t)).toBe('18.10.2023 09:30');
    expect(csvCell(new Date(Date.UTC(2023, 9, 18, 9, 30)), 'datetime', ',', t)).toBe('2023-10-18 09:30');
    expect(csvCell(true, 'bool', ';', t)).toBe('reports.value.yes');
  });
});
