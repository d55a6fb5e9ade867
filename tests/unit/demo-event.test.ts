import { describe, it, expect } from 'vitest';
import { buildDemoEvent, CODE_PATTERN, WALK_OVERBOOKING } from '../../electron/core/demo/demo-event';
import { ORGANISATIONS, TOWN_STATES } from '../../electron/core/demo/demo-organisations';
import { mailLocalPart } from '../../electron/core/demo/demo-names';
import { mulberry32 } from '../../electron/core/demo/prng';

const demo = buildDemoEvent();
const regs = demo.registrations;
const walks = demo.programme.filter((p) => p.kind === 'walk');
const sessions = demo.programme.filter((p) => p.kind === 'session');
const fullName = (r: { firstName: string; lastName: string }): string => `${r.firstName} ${r.lastName}`;

describe('prng', () => {
  it('is reproducible and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('buildDemoEvent', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(buildDemoEvent(2023)).toEqual(demo);
    expect(buildDemoEvent(7)).toEqual(buildDemoEvent(7));
    expect(buildDemoEvent(7).registrations).not.toEqual(regs);
  });

  it('never touches Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      expect(() => buildDemoEvent(99)).not.toThrow();
    } finally {
      Math.random = original;
    }
  });

  it('describes the Partnerfachtagung over two days', () => {
    expect(demo.event).toMatchObject({
      name: 'Partnerfachtagung 2023',
      place: 'Weißenfels',
      startsOn: '2023-10-18',
      endsOn: '2023-10-19',
      timezone: 'Europe/Berlin',
      organiser: 'K3B – Kompetenzzentrum Kommunale Konfliktberatung',
    });
    expect(demo.days.map((d) => d.date)).toEqual(['2023-10-18', '2023-10-19']);
    expect(demo.days[0]?.label).toBe('Tag 1 – Mittwoch, 18.10.2023');
  });

  it('has a full programme with exactly four walks', () => {
    expect(sessions.length).toBeGreaterThanOrEqual(6);
    expect(sessions.filter((s) => s.format === 'forum').length).toBeGreaterThanOrEqual(3);
    expect(walks).toHaveLength(4);
    for (const w of walks) {
      expect(w.format).toBe('walk');
      expect(w.title).toMatch(/^Stadtrundgang/);
      expect(w.capacity).toBeGreaterThanOrEqual(15);
      expect(w.capacity).toBeLessThanOrEqual(25);
      expect(w.host).toBeTruthy();
      expect(w.admission).toBe('assigned');
    }
    const keys = demo.programme.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of demo.programme) {
      expect(demo.days.map((d) => d.date)).toContain(p.day);
      expect(p.startsAt).toMatch(/^\d{2}:\d{2}$/);
      expect(p.endsAt > p.startsAt).toBe(true);
    }
  });

  it('has about 200 registrations with unique, well-formed codes and source ids', () => {
    expect(regs.length).toBeGreaterThanOrEqual(180);
    expect(regs.length).toBeLessThanOrEqual(220);
    expect(new Set(regs.map((r) => r.code)).size).toBe(regs.length);
    expect(new Set(regs.map((r) => r.sourceId)).size).toBe(regs.length);
    expect(new Set(regs.map((r) => r.email)).size).toBe(regs.length);
    for (const r of regs) expect(r.code).toMatch(CODE_PATTERN);
    expect(regs.some((r) => /[ILOU]/.test(r.code))).toBe(false);
  });

  it('contains names that stress text handling', () => {
    const names = regs.map(fullName);
    expect(names.some((n) => /[äöüÄÖÜ]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes('ß'))).toBe(true);
    expect(regs.some((r) => r.lastName.includes('-') || r.firstName.includes('-'))).toBe(true);
    expect(regs.some((r) => /^(von|van|de) /.test(r.lastName))).toBe(true);
  });

  it('has 5–8 cancelled registrations', () => {
    const cancelled = regs.filter((r) => r.status === 'cancelled').length;
    expect(cancelled).toBeGreaterThanOrEqual(5);
    expect(cancelled).toBeLessThanOrEqual(8);
    for (const seed of [1, 2, 3]) {
      const n = buildDemoEvent(seed).registrations.filter((r) => r.status === 'cancelled').length;
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(8);
    }
  });

  it('only chooses existing items, on registered days, at most one walk and one per slot', () => {
    const byKey = new Map(demo.programme.map((p) => [p.key, p]));
    for (const r of regs) {
      expect(r.days.length).toBeGreaterThan(0);
      for (const c of r.choices) {
        const item = byKey.get(c);
        expect(item, `${r.sourceId} chose ${c}`).toBeDefined();
        expect(item?.admission).toBe('assigned');
        expect(r.days).toContain(item?.day);
      }
      expect(r.choices.filter((c) => byKey.get(c)?.kind === 'walk').length).toBeLessThanOrEqual(1);
      const slots = r.choices.map((c) => `${byKey.get(c)?.day} ${byKey.get(c)?.startsAt}`);
      expect(new Set(slots).size).toBe(slots.length);
      expect(r.choices.filter((c) => byKey.get(c)?.kind === 'session').length).toBeLessThanOrEqual(2);
    }
  });

  it('keeps walk and session assignments within capacity', () => {
    for (const seed of [2023, 1, 2, 3]) {
      const e = buildDemoEvent(seed);
      for (const item of e.programme.filter((p) => p.capacity !== null)) {
        const assigned = e.registrations.filter((r) => r.choices.includes(item.key)).length;
        const limit = (item.capacity ?? 0) + (item.kind === 'walk' ? WALK_OVERBOOKING : 0);
        expect(assigned, `${seed} ${item.key}`).toBeLessThanOrEqual(limit);
        expect(limit).toBeLessThanOrEqual((item.capacity ?? 0) + 2);
      }
    }
    const walkers = regs.filter((r) => r.choices.some((c) => c.startsWith('walk-'))).length;
    expect(walkers / regs.length).toBeGreaterThan(0.4);
  });

  it('keeps organisation, town, federal state and sector consistent', () => {
    const orgs = new Map(ORGANISATIONS.map((o) => [o.name, o]));
    for (const r of regs) {
      const org = orgs.get(r.organisation);
      expect(org, r.organisation).toBeDefined();
      expect(r.town).toBe(org?.town);
      expect(r.sector).toBe(org?.sector);
      expect(TOWN_STATES[r.town]).toBe(r.federalState);
    }
    for (const o of ORGANISATIONS) expect(TOWN_STATES[o.town], o.town).toBeDefined();
    const share = regs.filter((r) => ['Sachsen-Anhalt', 'Sachsen', 'Thüringen'].includes(r.federalState)).length / regs.length;
    expect(share).toBeGreaterThan(0.7);
    expect(regs.some((r) => r.organisation === 'Stadt Weißenfels')).toBe(true);
  });

  it('uses only reserved example mail domains and transliterated lower-case addresses', () => {
    for (const r of regs) {
      expect(r.email).toMatch(/^[a-z0-9.-]+@([a-z0-9-]+\.)*(example|example\.(org|com|net))$/);
    }
    expect(mailLocalPart('Hans-Jürgen')).toBe('hans-juergen');
    expect(mailLocalPart('Weißflog')).toBe('weissflog');
    expect(mailLocalPart('von der Heide')).toBe('vonderheide');
    expect(mailLocalPart('René')).toBe('rene');
  });

  it('registers the programme hosts under the names printed in the programme', () => {
    const names = new Set(regs.map(fullName));
    for (const p of demo.programme) {
      if (p.host) expect(names, p.key).toContain(p.host);
    }
    const host = regs.find((r) => fullName(r) === walks[0]?.host);
    expect(host?.role).toBe('Stadtführung');
    expect(regs.filter((r) => r.role === 'Referent*in').length).toBeGreaterThanOrEqual(5);
  });
});
