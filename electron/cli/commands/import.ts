import type { TFunction } from 'i18next';
import { problemPlace } from '../../contract/problem-place';
import { TEMPLATE_HINTS_SHEET, textEncodings } from '../../contract/sync-methods';
import { urlMessage } from '../../contract/url-message';
import { AppError } from '../../core/errors';
import { importIntoEvent, type ImportOutcome } from '../../core/sync/import-file';
import type { ProblemGroup } from '../../core/sync/problems';
import type { SourceOptions } from '../../core/sync/sync-service';
import { CliError, required, type CliCommand } from '../cli-types';

/**
 * `import --event FILE --source PATH_OR_URL [--list NAME | --new-list] [--dry-run] [--confirm-cancel] [--confirm-older] [--json]`: the
 * registration sync of the UI, from the command line; `--list` names the list a file of a new name is a new version
 * of, `--new-list` makes it a list of its own although its people are another list's. Exit codes: 0 applied (or a
 * clean dry run), 2 nothing applied because of problems in the list (or half of its people missing, without
 * --confirm-cancel; or the file older than the one last applied, without --confirm-older; or most of its people
 * another list's, without --list or --new-list), 1 the list or the event
 * file could not be read at all.
 */
export const importCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'confirm-cancel': { type: 'boolean', default: false },
    'confirm-older': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    header: { type: 'string' },
    station: { type: 'string' },
    list: { type: 'string' },
    'new-list': { type: 'boolean', default: false },
  },
  async run(values, t) {
    const eventFile = required(values, 'event', t);
    const source = required(values, 'source', t);
    const options = readOptions(values, t);
    let outcome: ImportOutcome;
    try {
      outcome = await importIntoEvent({
        eventFile, source, dryRun: values['dry-run'] === true, confirmCancel: values['confirm-cancel'] === true,
        confirmOlder: values['confirm-older'] === true, options,
        stationName: values.station as string | undefined, list: values.list as string | undefined,
        newList: values['new-list'] === true,
      });
    } catch (err) {
      // Sync errors carry their own message key (sync.error.*, sync.table.error.*); nothing was written (one transaction).
      // A script reading --json gets what is wrong as a key and in words (see failureJson; exit code 1 all the same).
      if (err instanceof AppError && typeof err.details.messageKey === 'string') {
        let message = /^https?:\/\//i.test(source) ? urlMessage(t, err.details.messageKey, err.details) : t(err.details.messageKey, { ...err.details });
        // The app's words name its field for the key; here it is an option (QA17 L3).
        if (err.details.messageKey === 'sync.error.urlUnauthorized') message += ` ${t('sync.cli.headerHint')}`;
        throw new CliError(`${message} ${t('sync.nothingChanged')}`, err.details.messageKey, message);
      }
      throw err;
    }
    const dryRun = values['dry-run'] === true;
    if (values.json) console.log(JSON.stringify(asJson(outcome, t, dryRun)));
    else console.log(describe(outcome, t));
    // Not applied: why, on stderr too, where a script logging errors looks (QA13 found exit 2 silent there).
    const refused = notApplied(outcome, t);
    if (refused !== null) console.error(refused);
    return refused !== null ? 2 : 0;
  },
  failureJson: (error) => ({ applied: false, error }),
};

function readOptions(values: Record<string, string | boolean | undefined>, t: TFunction): SourceOptions {
  const options: SourceOptions = {};
  if (typeof values.sheet === 'string') options.sheet = values.sheet;
  if (typeof values.encoding === 'string') {
    if (!(textEncodings as readonly string[]).includes(values.encoding)) throw new CliError(`--encoding: ${textEncodings.join(', ')}`, 'options');
    options.encoding = values.encoding;
  }
  if (typeof values.delimiter === 'string') {
    const d = values.delimiter === 'tab' ? '\t' : values.delimiter;
    // One character that can separate cells: not a quote (it quotes them), not a line break.
    if ([...d].length !== 1 || /["\r\n]/.test(d)) throw new CliError(t('sync.cli.badDelimiter', { value: values.delimiter }), 'options');
    options.delimiter = d;
  }
  if (typeof values.header === 'string') {
    const m = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(values.header);
    if (!m) throw new CliError(t('sync.cli.badHeader'), 'options');
    options.authName = m[1];
    options.authValue = m[2];
  }
  return options;
}

/** "Zeile 3, Spalte „Nachname“: Name fehlt." – or, for the same problem in many rows, "Zeilen 2, 4, 8 und 68 weitere, …". */
function problemText(p: ProblemGroup, lineKind: ImportOutcome['lineKind'], t: TFunction): string {
  const where = problemPlace(t, lineKind, p);
  const message = t(`sync.problem.${p.code}`, { column: p.column, ...p.params });
  return where ? `${where}: ${message}` : message;
}

function asJson(o: ImportOutcome, t: TFunction, dryRun: boolean) {
  const { counts, problems } = o.plan;
  const listed = problems.sorted();
  return {
    applied: o.applied,
    dryRun,
    needsConfirmation: o.held,
    /** Held because the file looks older than the one last applied: --confirm-older if it is the newest all the same. */
    needsConfirmOlder: o.heldOlder,
    /** Held because most of its people are this other list's: --list (a new version of it) or --new-list. */
    needsList: o.heldForList,
    created: o.created && o.applied,
    rows: o.plan.rows,
    added: counts.added, updated: counts.updated, cancelled: counts.cancelled, unchanged: counts.unchanged,
    /** Of the added, how many the list already calls cancelled (not counted in `cancelled`: they were nobody's before). */
    addedCancelled: o.plan.addedCancelled,
    keptLocal: counts.keptLocal,
    codeColumn: !o.noCodeColumn,
    sheet: o.sheet,
    errors: problems.errors, warnings: problems.warnings,
    /** Every problem found; `problems` lists the first 500 of each kind (QA17 L1: 1500 errors, 500 listed, unsaid). */
    problemsTotal: problems.errors + problems.warnings,
    problemsCut: listed.length < problems.errors + problems.warnings,
    problems: listed.map((p) => ({
      severity: p.severity, code: p.code, line: p.line, column: p.column, message: t(`sync.problem.${p.code}`, { column: p.column, ...p.params }),
    })),
  };
}

function describe(o: ImportOutcome, t: TFunction): string {
  const { counts, problems } = o.plan;
  const lines = [
    o.sourceName === o.sourceLabel
      ? t('sync.cli.summary', { count: o.plan.rows, source: o.sourceLabel })
      : t('sync.cli.summaryComparedWith', { count: o.plan.rows, source: o.sourceName, list: o.sourceLabel }),
    // As the history says it: new people the list already calls cancelled (QA17 L2).
    t('sync.cli.counts', { ...counts }) + (o.plan.addedCancelled > 0 ? t('sync.history.addedCancelled', { count: o.plan.addedCancelled }) : ''),
  ];
  // A workbook of several sheets: which one was read, and how to read another (the app asks in its sheet choice).
  if (o.sheet !== null && o.sheets.length > 1) {
    lines.splice(1, 0, `  ${t('sync.cli.sheet', { sheet: o.sheet, others: o.sheets.filter((s) => s !== o.sheet).map((s) => t('sync.cli.sheetName', { sheet: s })).join(', ') })}`);
  }
  if (o.sheetIgnored) lines.splice(1, 0, `  ! ${t('sync.cli.sheetIgnored', { source: o.sourceName })}`);
  // As the app's mapping screen says it (sync.mapping.noCode); calmly for a list kept by hand in Einlass's template.
  if (o.noCodeColumn && o.sheets.includes(TEMPLATE_HINTS_SHEET)) lines.push(`  ${t('sync.mapping.noCodeTemplate')}`);
  else if (o.noCodeColumn) lines.push(`  ! ${t('sync.mapping.noCode', { field: t('sync.target.code') })}`);
  const shown = problems.grouped().slice(0, 50);
  for (const p of shown) {
    lines.push(`  ${p.severity === 'error' ? '✗' : '!'} ${problemText(p, o.lineKind, t)}`);
    // The app's button „Als neue Fassung … laden“, as an option.
    if (p.code === 'peopleOfOtherList') {
      lines.push(`    ${t('sync.cli.asVersionOf', { source: p.params?.source })}`, `    ${t('sync.cli.asNewList')}`);
    }
  }
  const more = problems.errors + problems.warnings - shown.reduce((n, p) => n + p.count, 0);
  if (more > 0) lines.push(`  … ${t('sync.cli.moreProblems', { count: more })}`);
  if (o.applied) lines.push(o.created ? t('sync.cli.appliedNew', { name: o.eventName }) : t('sync.cli.applied'));
  // Not applied: said last on stdout too, where a scheduled task's log would otherwise end with "neu: 1.500" (QA17 L4).
  else lines.push(notApplied(o, t) ?? t('sync.cli.dryRun'));
  return lines.join('\n');
}

/** Why the list was not applied (problems in it, or held as the app would ask first); null when it was, or a dry run. */
function notApplied(o: ImportOutcome, t: TFunction): string | null {
  if (o.plan.blocked) return t('sync.cli.blocked', { count: o.plan.problems.errors });
  if (o.held) return t('sync.cli.held', { count: o.plan.counts.cancelled });
  if (o.heldOlder) return t('sync.cli.heldOlder');
  if (o.heldForList !== null) return t('sync.cli.heldForList', { list: o.heldForList });
  return null;
}
