import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { eventFileError } from '../../db/open';
import { AppError } from '../core/errors';
import { nodeTranslator } from '../core/messages';
import { CliError, type CliCommand } from './cli-types';

/**
 * Each command is loaded when it is run: all of them together (the server, the exports with their Excel and PDF
 * libraries, the decoder) took about 100 MB before anything happened (`einlass --help`: 176 MB, now 79 MB),
 * which an import should not pay for.
 */
const commands: Record<string, () => Promise<CliCommand>> = {
  demo: async () => (await import('./commands/demo')).demoCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  scan: async () => (await import('./commands/scan')).scanCommand,
  search: async () => (await import('./commands/search')).searchCommand,
  decode: async () => (await import('./commands/decode')).decodeCommand,
  import: async () => (await import('./commands/import')).importCommand,
  template: async () => (await import('./commands/template')).templateCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  purge: async () => (await import('./commands/purge')).purgeCommand,
  pair: async () => (await import('./commands/pair')).pairCommand,
  sync: async () => (await import('./commands/sync')).syncCommand,
  handover: async () => (await import('./commands/handover')).handoverCommand,
};

const USAGE = `Einlass – Befehle:
  demo  --event DATEI                       Demo-Veranstaltung in einer neuen Datei anlegen
  serve [--event DATEI] [--port N] [--host H] [--station NAME] [--data-dir ORDNER] [--keep-token]
                                            Station starten (Browser-Oberfläche und API); ohne --event die beim
                                            letzten Beenden offene Veranstaltung. --keep-token: Adresse bleibt über
                                            Neustarts gleich (offene Seiten und Tablets arbeiten weiter)
        [--network] [--hub-host H] [--hub-port N]
                                            --network: diese Datei wird Hauptstation; zeigt Adresse und Kopplungscode
  pair  --event DATEI --hub ADRESSE --code CODE [--name STATION]
                                            Diesen Laptop als Station an die Hauptstation koppeln (legt DATEI an)
  sync  --event DATEI [--once]              Mit der Hauptstation abgleichen (--once: einmal, sonst laufend)
  handover export|import --event DATEI --file PFAD
                                            Übergabe per Datei: Station schreibt, Hauptstation liest ein
  scan  --event DATEI --list LISTE --code TEXT [--station NAME] [--method manual|camera|scanner|search] [--json]
                                            Einen Code einchecken (LISTE: Id oder Name)
  search --event DATEI SUCHBEGRIFF... [--list LISTE] [--limit N] [--json]
                                            Anmeldungen suchen wie am Einlass (Name, Organisation, Ort, Code)
  decode BILD... [--json]                   QR-Code aus PNG-/JPEG-Dateien lesen (wie der Kamera-Scanner)
  import --event DATEI --source PFAD_ODER_URL [--dry-run] [--json] [--sheet BLATT] [--encoding KODIERUNG]
         [--delimiter ZEICHEN|tab] [--header "Authorization: Token …"] [--confirm-cancel] [--confirm-older]
         [--list LISTE] [--new-list] [--station NAME]
                                            Anmeldeliste (CSV, XLSX, ODS, JSON, URL) abgleichen; legt die Datei an, wenn nötig
                                            (--list: die Anmeldeliste, deren neue Fassung die Datei ist; --new-list: eine
                                            eigene Liste, auch wenn ihre Personen schon über eine andere da sind;
                                            --station: Name der Station in einer neu angelegten Datei)
  template --event DATEI --out PFAD.xlsx    Excel-Vorlage für eine selbst geführte Anmeldeliste (Spalten zum Ankreuzen
                                            für Tage, Programmpunkte und Stadtrundgänge dieser Veranstaltung)
  export --event DATEI --report attendance|sessions|log|stats|certificates|all --format xlsx|csv|pdf|zip --out PFAD
         [--columns ID,ID] [--delimiter ,] [--person CODE] [--list-columns]
                                            Bericht exportieren (Anwesenheit, Programmpunkte, Protokoll, Statistik,
                                            Teilnahmebescheinigungen); Spalten-Ids mit --list-columns
  purge --event DATEI [--keep-stats] [--delete-file] [--without-export] [--yes]
                                            Alle personenbezogenen Daten löschen (fragt nach dem Namen der
                                            Veranstaltung oder LÖSCHEN; ohne Terminal: --yes)
Exit-Codes: 0 ok/eingecheckt/alle Codes erkannt, 1 Fehler (auch: Bild nicht lesbar),
            2 Scan abgewiesen, bereits eingecheckt oder in einem Bild kein QR-Code;
            Import wegen Problemen in der Liste nicht übernommen.`;

/**
 * `npm run einlass -- …` runs in the package's folder, but a relative path (`--source anmeldungen.csv`, `--event
 * tagung.einlass`) is meant from the folder the command was typed in, which npm passes on as INIT_CWD: read from
 * there (QA17 M5: the list was „nicht gefunden“, and a relative event file was created in the repository instead).
 * Only for that script: another npm script (the tests) that starts this command gives its own working folder.
 */
function workInTypedFolder(env: NodeJS.ProcessEnv): void {
  if (env.npm_lifecycle_event !== 'einlass' || !env.INIT_CWD) return;
  try {
    process.chdir(env.INIT_CWD);
  } catch {
    // A folder gone since: paths are read from the package's folder, as before.
  }
}

async function main(argv: string[]): Promise<number> {
  workInTypedFolder(process.env);
  const t = await nodeTranslator();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(t('cli.unknownCommand', { command: name }));
    console.error(USAGE);
    return 1;
  }
  let command: CliCommand | undefined;
  let values: Record<string, string | boolean | undefined> = {};
  try {
    command = await load();
    const parsed = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: command.positionals === true,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
    return await command.run(values, t, parsed.positionals);
  } catch (err) {
    const failure = describeFailure(err, t, typeof values.event === 'string' ? values.event : '');
    // A script reading --json gets an answer on stdout too (the options are not read yet when one is wrong).
    if (command?.failureJson && (values.json === true || rest.includes('--json'))) {
      console.log(JSON.stringify(command.failureJson({ code: failure.code, message: failure.summary })));
    }
    console.error(failure.options ? `${failure.message}\n\n${USAGE}` : failure.message);
    return 1;
  }
}

/** What went wrong, in German (the catalogue's words), with a code for `--json`. */
function describeFailure(err: unknown, t: TFunction, eventFile: string): { code: string; message: string; summary: string; options?: boolean } {
  if (err instanceof CliError) return { code: err.code, message: err.message, summary: err.summary };
  const known = err instanceof AppError ? err : eventFileError(err, eventFile);
  if (known) {
    const message = t(known.messageKey, { ...known.details });
    return { code: known.code, message, summary: message };
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    // node:util's words are English ("Unknown option '--bogus'"): the option it names, said in German (QA17 L7).
    const option = /'([^' ]+)/.exec(err.message)?.[1] ?? '';
    const key = {
      ERR_PARSE_ARGS_UNKNOWN_OPTION: 'cli.unknownOption',
      ERR_PARSE_ARGS_INVALID_OPTION_VALUE: / missing$/.test(err.message) ? 'cli.optionValueMissing' : 'cli.optionTakesNoValue',
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'cli.unexpectedArgument',
    }[String(err.code)];
    const message = key ? t(key, { option }) : err.message;
    return { code: 'options', message, summary: message, options: true };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, summary: message };
}

// A reader that stops early (`einlass import … --json | head`): end quietly, as command-line tools do, rather than
// with a stack trace about a broken pipe.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps running; everything else ends here.
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
