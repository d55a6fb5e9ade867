import { describe, expect, it } from 'vitest';
import { groupProblems, ProblemList, type SyncProblem } from '../../electron/core/sync/problems';

const unknownWorkshop = (line: number, value: string): SyncProblem => ({
  code: 'unknownSession', severity: 'warning', line, column: 'Workshops', params: { value },
});

describe('problems of a sync, as people read them', () => {
  it('the same problem in many rows is one entry: how often, and its first lines in file order', () => {
    const list = new ProblemList();
    for (let line = 2; line < 36_002; line++) list.add(unknownWorkshop(line, line % 3 === 0 ? 'Workshop C' : 'Workshop B'));
    list.add({ code: 'missingName', severity: 'error', line: 40_000, column: null });
    list.add({ code: 'missingName', severity: 'error', line: 40_001, column: null });
    expect(list.warnings).toBe(36_000);
    expect(list.grouped()).toEqual([
      // Errors first, though they are further down the file.
      { code: 'missingName', severity: 'error', line: 40_000, column: null, count: 2, lines: [40_000, 40_001] },
      { ...unknownWorkshop(2, 'Workshop B'), count: 24_000, lines: [2, 4, 5, 7, 8] },
      { ...unknownWorkshop(3, 'Workshop C'), count: 12_000, lines: [3, 6, 9, 12, 15] },
    ]);
    // Each problem on its own is still there (the command line lists them), only the first 500 of each kind.
    expect(list.sorted()).toHaveLength(502);
  });

  it('the same kind in other columns or about other values stays apart; a whole-file problem has no lines', () => {
    const groups = groupProblems([
      unknownWorkshop(2, 'Workshop B'),
      { ...unknownWorkshop(2, 'Workshop B'), column: 'Workshop (2. Tag)' },
      unknownWorkshop(3, 'Workshop D'),
      { code: 'noNameColumn', severity: 'error', line: null, column: null },
    ]);
    expect(groups.map((g) => [g.code, g.column, g.params?.value ?? null, g.count, g.lines])).toEqual([
      ['noNameColumn', null, null, 1, []],
      ['unknownSession', 'Workshops', 'Workshop B', 1, [2]],
      ['unknownSession', 'Workshop (2. Tag)', 'Workshop B', 1, [2]],
      ['unknownSession', 'Workshops', 'Workshop D', 1, [3]],
    ]);
  });

  it('distinct problems beyond 2 000 are counted, not kept', () => {
    const list = new ProblemList();
    for (let line = 2; line < 5_002; line++) list.add({ code: 'duplicateCode', severity: 'error', line, column: 'Code', params: { value: `T${line}` } });
    expect(list.errors).toBe(5_000);
    expect(list.grouped()).toHaveLength(2_000);
  });
});
