import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import { writeDemoEvent } from '../../electron/core/event/demo';
import { simulateAttendance, writeKnownEvent } from '../helpers/report-fixture';
import { inProcess, overHttp, type Harness } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

interface Made { exportId: string; fileName: string; mimeType: string; size: number; rows: number }

/** What the UI does: fetch the chunks one after another and put them together. */
async function download(h: Harness, made: Made): Promise<{ bytes: Buffer; calls: number }> {
  const parts: Buffer[] = [];
  let calls = 0;
  for (let offset: number | null = 0; offset !== null; calls++) {
    const chunk: { data: string; nextOffset: number | null; size: number } = value(await h.client.call('reports.download', { exportId: made.exportId, offset }));
    const bytes = Buffer.from(chunk.data, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(512 * 1024);
    expect(chunk.size).toBe(made.size);
    parts.push(bytes);
    offset = chunk.nextOffset;
  }
  return { bytes: Buffer.concat(parts), calls };
}

describe.each([
  ['in-process', inProcess],
  ['HTTP', overHttp],
])('reports over %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(() => h.close());

  const openKnown = async () => {
    h.ctx.createFile(join(h.ctx.dataDir, 'known.einlass'), (db) => writeKnownEvent(db, h.ctx));
    return value<{ fileName: string }>(await h.client.call('event.open', { fileName: 'known.einlass' }));
  };

  it('overview and statistics: pickable columns with personal fields marked, counts for the charts', async () => {
    await openKnown();
    const o = value<{ people: number; exports: unknown[]; columns: Record<string, { id: string; personal: boolean; defaultOn: boolean }[]>; formats: Record<string, string[]> }>(await h.client.call('reports.overview'));
    expect(o.people).toBe(6);
    expect(o.exports).toEqual([]);
    expect(o.formats).toMatchObject({ stats: ['pdf', 'xlsx', 'csv'], certificates: ['pdf', 'zip'] });
    const email = o.columns.attendance!.find((c) => c.id === 'email')!;
    expect(email).toMatchObject({ personal: true, defaultOn: false });
    expect(o.columns.attendance!.map((c) => c.id)).toEqual(expect.arrayContaining(['extra:Essen', 'extra:Telefon', 'list:workshop']));
    const { stats } = value<{ stats: { totals: { present: number } } }>(await h.client.call('reports.stats'));
    expect(stats.totals.present).toBe(4);
  });

  it('exports to bytes fetched in chunks of at most 512 KB, which add up to the file', async () => {
    h.ctx.createFile(join(h.ctx.dataDir, 'demo.einlass'), (db) => {
      writeDemoEvent(db, h.ctx, 'Einlass 1');
      simulateAttendance(db, { ids: h.ctx.ids });
    });
    value(await h.client.call('event.open', { fileName: 'demo.einlass' }));
    const zip = value<Made>(await h.client.call('reports.export', { report: 'certificates', format: 'zip' }));
    expect(zip.size).toBeGreaterThan(512 * 1024);
    const got = await download(h, zip);
    expect(got.calls).toBe(Math.ceil(zip.size / (512 * 1024)));
    expect(Object.keys(unzipSync(new Uint8Array(got.bytes)))).toHaveLength(zip.rows);

    const xlsx = value<Made>(await h.client.call('reports.export', { report: 'attendance', format: 'xlsx', columns: { attendance: ['lastName', 'daysPresent'] } }));
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(h, xlsx)).bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Nachname', 'Tage anwesend']);
    expect(wb.worksheets[0]!.rowCount).toBe(201);

    expect(await h.client.call('reports.download', { exportId: 'nope', offset: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.client.call('reports.download', { exportId: xlsx.exportId, offset: xlsx.size + 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await h.client.call('reports.export', { report: 'log', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'format_not_available' } } });
    expect(await h.client.call('reports.export', { report: 'attendance', format: 'xlsx', columns: { attendance: [] } })).toMatchObject({ ok: false, error: { details: { reason: 'no_columns' } } });
  });

  it('sets the organisation and a PNG logo; refuses anything that is not a PNG or JPEG', async () => {
    await openKnown();
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(120);
    const logo = PNG.sync.write(png).toString('base64');
    const org = value<{ name: string; logo: string }>(await h.client.call('reports.setOrganisation', { name: ' K3B ', logo }));
    expect(org).toEqual({ name: 'K3B', logo: `data:image/png;base64,${logo}` });
    expect(await h.client.call('reports.setOrganisation', { logo: Buffer.from('GIF89a....').toString('base64') })).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'logo_type' } } });
    expect(value<{ logo: string | null }>(await h.client.call('reports.setOrganisation', { logo: null })).logo).toBeNull();
  });

  it('purge: guarded, then no personal data left, statistics kept, and the file verified', async () => {
    await openKnown();
    expect(await h.client.call('event.purge', { confirmation: 'ja', keepStatistics: true })).toMatchObject({ ok: false, error: { details: { reason: 'purge_not_confirmed' } } });
    expect(await h.client.call('event.purge', { confirmation: 'Fachtag Zusammenhalt', keepStatistics: true })).toMatchObject({ ok: false, error: { details: { reason: 'purge_without_export' } } });
    expect(value<{ people: number }>(await h.client.call('reports.overview')).people).toBe(6);

    const made = value<Made>(await h.client.call('reports.export', { report: 'attendance', format: 'csv' }));
    const result = value<{ removed: Record<string, number>; keptStatistics: boolean; verification: { checked: number; found: number }; fileDeleted: boolean }>(
      await h.client.call('event.purge', { confirmation: 'LÖSCHEN', keepStatistics: true }),
    );
    expect(result).toMatchObject({ keptStatistics: true, fileDeleted: false, verification: { found: 0 } });
    expect(result.removed).toMatchObject({ registrations: 6, check_ins: 9, refused_scans: 3 });
    // Exports made before hold personal data: they are gone with the purge.
    expect(await h.client.call('reports.download', { exportId: made.exportId, offset: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const o = value<{ people: number; purgedAt: string | null; hasKeptStatistics: boolean; exports: unknown[] }>(await h.client.call('reports.overview'));
    expect(o).toMatchObject({ people: 0, hasKeptStatistics: true });
    expect(o.purgedAt).not.toBeNull();
    expect(o.exports).toHaveLength(1);
    expect(value<{ stats: { totals: { present: number } } }>(await h.client.call('reports.stats')).stats.totals.present).toBe(4);
    expect(value<{ total: number }>(await h.client.call('registrations.list', {})).total).toBe(0);
  });

  it('or deletes the whole file, and the app goes back to the start', async () => {
    await openKnown();
    const file = join(h.ctx.dataDir, 'known.einlass');
    const result = value<{ fileDeleted: boolean }>(await h.client.call('event.purge', { confirmation: 'Fachtag Zusammenhalt', keepStatistics: true, withoutExport: true, deleteFile: true }));
    expect(result.fileDeleted).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(value<{ event: unknown }>(await h.client.call('app.info')).event).toBeNull();
    expect(value<{ files: unknown[] }>(await h.client.call('event.files')).files).toEqual([]);
  });
});
