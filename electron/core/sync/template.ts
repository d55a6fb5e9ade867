import ExcelJS from 'exceljs';
import type { Db } from '../../../db/open';
import { TEMPLATE_HINTS_SHEET } from '../../contract/sync-methods';
import { listDays } from '../../../db/queries/lists';
import type { Translate } from '../reports/columns';
import { germanDate } from '../reports/time';

/**
 * An Excel workbook for organisers who keep their registration list by hand (registrations by e-mail or phone, a
 * form tool without an export): the columns Einlass recognises, one column to tick per day, per session that needs
 * a registration and per walk of this event's programme, and a sheet of hints. Loaded as it is filled in, every column
 * is mapped without a choice and a mark "x" means what its column says (see mark-columns.ts). The file speaks German,
 * as exports do (see exportTranslator); its column names are recognised in either language.
 */

/** Rows prepared with choices and hints: a list of a few hundred people, with room. */
const ROWS = 2000;
const FEDERAL_STATES = [
  'Baden-Württemberg', 'Bayern', 'Berlin', 'Brandenburg', 'Bremen', 'Hamburg', 'Hessen', 'Mecklenburg-Vorpommern', 'Niedersachsen',
  'Nordrhein-Westfalen', 'Rheinland-Pfalz', 'Saarland', 'Sachsen', 'Sachsen-Anhalt', 'Schleswig-Holstein', 'Thüringen',
];

/** Widths of the hints sheet's columns: the column's name, what goes in. */
const HINT_WIDTHS = [40, 90] as const;


interface TemplateColumn {
  header: string;
  width: number;
  /** What goes in, shown as the header's note and on the hints sheet. */
  hint: string;
  kind: 'text' | 'mark' | 'state';
}

export async function registrationTemplate(db: Db, t: Translate): Promise<{ bytes: Buffer; columns: string[] }> {
  const columns = templateColumns(db, t);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Einlass';
  const ws = wb.addWorksheet(t('sync.template.sheet'), { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E6F5' } };
  // Validation by range, not cell by cell (2000 empty cells per column): exceljs has it, its types do not.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  header.height = Math.min(90, 15 * Math.max(1, ...columns.map((c) => Math.ceil(c.header.length / c.width))));
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.hint;
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${ROWS + 1}`;
    if (c.kind === 'mark') {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: ['"x"'], showErrorMessage: true, errorStyle: 'warning',
        errorTitle: c.header.slice(0, 32), error: t('sync.template.markError'),
        showInputMessage: true, promptTitle: c.header.slice(0, 32), prompt: t('sync.template.markPrompt'),
      });
    } else if (c.kind === 'state') {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [`"${FEDERAL_STATES.join(',')}"`], showErrorMessage: true, errorStyle: 'warning',
        error: t('sync.template.stateError'),
      });
    }
  });
  // Printed: A4 landscape, the header on every page.
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const hints = wb.addWorksheet(TEMPLATE_HINTS_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  hints.columns = [{ width: HINT_WIDTHS[0] }, { width: HINT_WIDTHS[1] }];
  hints.addRow([t('sync.template.hintsTitle')]).font = { bold: true, size: 14 };
  hints.addRow([]);
  // Rows as high as their wrapped text: neither Excel nor LibreOffice grows a row written without a height.
  const wrapped = (cells: string[]) => {
    const row = hints.addRow(cells);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.max(...cells.map((c, i) => Math.ceil(c.length / (HINT_WIDTHS[i]! - 4))));
    return row;
  };
  // The rules over both columns: a merged cell wraps at its width, at the height given.
  for (const key of ['oneRow', 'number', 'keep', 'cancel', 'marks', 'later', 'load'] as const) {
    const text = t(`sync.template.rule.${key}`);
    const row = hints.addRow([text]);
    hints.mergeCells(row.number, 1, row.number, 2);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.ceil(text.length / (HINT_WIDTHS[0] + HINT_WIDTHS[1] - 10));
  }
  hints.addRow([]);
  hints.addRow([t('sync.template.column'), t('sync.template.meaning')]).font = { bold: true };
  for (const c of columns) wrapped([c.header, c.hint]);
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), columns: columns.map((c) => c.header) };
}

function templateColumns(db: Db, t: Translate): TemplateColumn[] {
  const text = (key: string, width: number): TemplateColumn => ({ header: t(`sync.template.header.${key}`), width, hint: t(`sync.template.hint.${key}`), kind: 'text' });
  const days = listDays(db);
  // Sessions open to everyone (a keynote, the plenary) need no registration, so no column.
  const lists = db.prepare(
    `SELECT name, kind FROM check_in_lists WHERE kind = 'walk' OR (kind = 'session' AND admission = 'assigned') ORDER BY kind, position, name`,
  ).all() as { name: string; kind: 'session' | 'walk' }[];
  return [
    text('number', 8), text('firstName', 16), text('lastName', 18), text('email', 28), text('organisation', 30), text('town', 16),
    { ...text('federalState', 20), kind: 'state' }, text('sector', 18), text('role', 14), text('notes', 30),
    // One day: everyone comes that day; nothing to tick.
    ...(days.length > 1 ? days.map((d): TemplateColumn => ({
      header: t('sync.template.header.day', { date: germanDate(d.date, 'UTC') }), width: 13, hint: t('sync.template.hint.day', { date: germanDate(d.date, 'UTC') }), kind: 'mark',
    })) : []),
    ...lists.map((l): TemplateColumn => ({
      header: l.name, width: 22, hint: t(`sync.template.hint.${l.kind}`), kind: 'mark',
    })),
    { ...text('cancelled', 11), kind: 'mark' },
  ];
}
