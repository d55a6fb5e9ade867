import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { CheckInList, ScanResult } from '../../electron/contract/entities';
import type { PlanSummary, SyncSourceView } from '../../electron/contract/sync-methods';
import { inProcess, type Harness } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const HEADER = 'ID;Code;Vorname;Nachname;Status';
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function load(h: Harness, fileName: string, rows: string[]): Promise<void> {
  const uploadId = value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', {
    fileName, index: 0, dataBase64: Buffer.from([HEADER, ...rows].join('\n')).toString('base64'), last: true,
  })).uploadId;
  // The list it is a version of, as the load step proposes it.
  const preview = value<{ mapping: Record<string, string>; sourceId: string | null }>(await h.client.call('sync.preview', { uploadId }));
  const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping, sourceId: preview.sourceId }));
  value(await h.client.call('sync.apply', { planId: plan.planId }));
}

describe('the desk refusing someone cancelled says why they are', () => {
  it('cancelled in the list, missing from its last version, or of a list removed: each as it is', async () => {
    const h = await inProcess();
    open.push(h);
    value(await h.client.call('event.create', { name: 'Fachtag', startsOn: '2023-10-18', endsOn: '2023-10-18' }));
    await load(h, 'anmeldungen.csv', ['1;AAA-1;Anna;Schmidt;bezahlt', '2;BBB-2;Bernd;Becker;bezahlt', '3;CCC-3;Clara;Fuchs;bezahlt']);
    // The next version: Anna cancelled in it, Bernd left out.
    await load(h, 'anmeldungen.csv', ['1;AAA-1;Anna;Schmidt;storniert', '3;CCC-3;Clara;Fuchs;bezahlt']);
    const entrance = value<{ lists: CheckInList[] }>(await h.client.call('lists.list', {})).lists.find((l) => l.kind === 'entrance')!;
    const scan = async (code: string) => value<ScanResult>(await h.client.call('checkin.scan', { listId: entrance.id, code, method: 'scanner' }));

    const anna = await scan('AAA-1');
    expect(anna).toMatchObject({ status: 'refused', reason: 'cancelled' });
    expect(anna).not.toHaveProperty('cancelledBy');
    const bernd = await scan('BBB-2');
    expect(bernd).toMatchObject({ status: 'refused', reason: 'cancelled', cancelledBy: { why: 'goneFromList', source: 'anmeldungen.csv', at: expect.any(String) } });

    const source = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!;
    value(await h.client.call('sync.removeSource', { sourceId: source.id }));
    expect(await scan('CCC-3')).toMatchObject({ status: 'refused', reason: 'cancelled', cancelledBy: { why: 'listRemoved', source: 'anmeldungen.csv' } });
  });
});
