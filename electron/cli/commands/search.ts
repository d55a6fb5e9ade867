import { dirname, resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { searchRegistrations, type SearchHit } from '../../../db/queries/search';
import { AppContext } from '../../core/app-context';
import { queryTerms } from '../../core/text/fold';
import { CliError, findList, required, type CliCommand } from '../cli-types';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

/**
 * `search --event FILE QUERY... [--list LIST] [--limit N] [--json]`: the front-desk search (word prefixes, German
 * folding). With --list, each hit tells whether the person is checked in on that list.
 */
export const searchCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    list: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  positionals: true,
  async run(values, t, words) {
    const file = resolve(required(values, 'event', t));
    const query = words.join(' ').trim();
    if (query === '') throw new CliError(t('cli.missingQuery'));
    const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new CliError(t('cli.badLimit', { max: MAX_LIMIT }));
    }
    const ctx = new AppContext({ dataDir: dirname(file) });
    const { db } = ctx.openFile(file);
    try {
      const list = typeof values.list === 'string' ? findList(db, values.list, t) : null;
      const start = performance.now();
      const hits = searchRegistrations(db, queryTerms(query), query, list?.id ?? null, limit);
      const ms = Math.round((performance.now() - start) * 100) / 100;
      if (values.json) {
        console.log(JSON.stringify({ query, list: list?.name ?? null, ms, hits }));
      } else {
        console.log(hits.length === 0 ? t('people.noResults') : table(hits, list !== null, t));
        console.log(t('cli.searchSummary', { count: hits.length, ms }));
      }
      return 0;
    } finally {
      ctx.close();
    }
  },
};

function table(hits: SearchHit[], withList: boolean, t: TFunction): string {
  const header = [t('people.name'), t('people.organisation'), t('people.town'), t('people.code'), t('people.status'), t('frontDesk.checkedInLabel')];
  const rows = hits.map((h) => [
    `${h.firstName} ${h.lastName}`,
    h.organisation ?? '',
    h.town ?? '',
    h.code,
    t(`status.${h.status}`),
    withList ? t(h.checkedIn ? 'cli.yes' : 'cli.no') : '–',
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
