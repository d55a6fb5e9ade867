import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppContext } from '../../core/app-context';
import { exportTranslator } from '../../core/reports/translator';
import { registrationTemplate } from '../../core/sync/template';
import { required, type CliCommand } from '../cli-types';

/** `template --event FILE --out PATH`: the Excel template for a list kept by hand, made for this event's programme. */
export const templateCommand: CliCommand = {
  options: { event: { type: 'string' }, out: { type: 'string' } },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const out = resolve(required(values, 'out', t));
    const ctx = new AppContext({ dataDir: dirname(file) });
    try {
      const event = ctx.openFile(file);
      const { bytes, columns } = await registrationTemplate(event.db, await exportTranslator());
      writeFileSync(out, bytes);
      console.log(t('sync.cli.templateWritten', { file: out, count: columns.length }));
      return 0;
    } finally {
      ctx.close();
    }
  },
};
