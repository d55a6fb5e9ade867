import { describe, expect, it } from 'vitest';
import { exportChoicesKey, loadExportChoices, saveExportChoices, type ExportChoices } from '../../renderer/src/screens/reports/export-choices';

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
};
const defaults: ExportChoices = {
  report: 'attendance', format: 'xlsx', delimiter: ';',
  picked: { attendance: new Set(['lastName', 'firstName']), sessions: new Set(['lastName']), log: new Set(['at']) },
};
const available = { attendance: ['lastName', 'firstName', 'email', 'extra:Diät'], sessions: ['lastName', 'list'], log: ['at', 'list'] };
const REPORTS = ['attendance', 'sessions', 'log', 'stats', 'certificates', 'all'];

describe('remembered export choices', () => {
  it('come back as they were saved, per event', () => {
    const s = memory();
    saveExportChoices(s, 'ev-1', {
      report: 'log', format: 'csv', delimiter: ',',
      picked: { attendance: new Set(['lastName', 'email', 'extra:Diät']), sessions: new Set(['list']), log: new Set(['at', 'list']) },
    });
    const c = loadExportChoices(s, 'ev-1', defaults, available, REPORTS);
    expect(c).toMatchObject({ report: 'log', format: 'csv', delimiter: ',' });
    expect([...c.picked.attendance]).toEqual(['lastName', 'email', 'extra:Diät']);
    expect([...c.picked.log]).toEqual(['at', 'list']);
    expect(loadExportChoices(s, 'ev-2', defaults, available, REPORTS)).toEqual(defaults);
  });

  it('drop columns that are gone; a table with none left, an unknown report or broken text start from the defaults', () => {
    const s = memory();
    s.setItem(exportChoicesKey('ev-1'), JSON.stringify({
      report: 'gibt-es-nicht', format: 'pdf', delimiter: '|', picked: { attendance: ['email', 'extra:Alt'], sessions: ['weg'], log: 'kaputt' },
    }));
    const c = loadExportChoices(s, 'ev-1', defaults, available, REPORTS);
    expect(c.report).toBe('attendance');
    expect(c.delimiter).toBe(';');
    expect([...c.picked.attendance]).toEqual(['email']);
    expect(c.picked.sessions).toBe(defaults.picked.sessions);
    expect(c.picked.log).toBe(defaults.picked.log);
    s.setItem(exportChoicesKey('ev-1'), '{kaputt');
    expect(loadExportChoices(s, 'ev-1', defaults, available, REPORTS)).toBe(defaults);
  });
});
