import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The UI catalogue (resources/locales): German is primary, English must mirror it key for key,
 * and every key the code asks for must exist. Each check returns a list of problems so a failure
 * names the exact key; the "checks can fail" block proves each check catches a broken copy.
 */

type Catalogue = Record<string, unknown>;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (rel: string): Catalogue => JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as Catalogue;

const de = readJson('resources/locales/de.json');
const en = readJson('resources/locales/en.json');

const isObject = (v: unknown): v is Catalogue => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf path → value. Anything that is not a plain object counts as a leaf (so arrays/numbers get reported). */
function leaves(node: Catalogue, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length > 0) {
      for (const [p, v] of leaves(value, path)) out.set(p, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

function lookup(node: Catalogue, path: string): unknown {
  let cur: unknown = node;
  for (const part of path.split('.')) {
    if (!isObject(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

// (a) same leaf paths, every leaf a non-empty string
function structureProblems(base: Catalogue, other: Catalogue, otherName: string): string[] {
  const b = leaves(base);
  const o = leaves(other);
  const problems: string[] = [];
  for (const path of b.keys()) if (!o.has(path)) problems.push(`${otherName} lacks ${path}`);
  for (const path of o.keys()) if (!b.has(path)) problems.push(`${otherName} has extra ${path}`);
  for (const [name, map] of [['de', b], [otherName, o]] as const) {
    for (const [path, value] of map) {
      if (typeof value !== 'string' || value.trim() === '') problems.push(`${name} ${path} is not a non-empty string`);
    }
  }
  return problems;
}

// (b) identical {{placeholder}} sets
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

function placeholderProblems(base: Catalogue, other: Catalogue, otherName: string): string[] {
  const o = leaves(other);
  const problems: string[] = [];
  for (const [path, value] of leaves(base)) {
    const translated = o.get(path);
    if (typeof value !== 'string' || typeof translated !== 'string') continue; // reported by (a)
    const want = placeholders(value);
    const got = placeholders(translated);
    if (want.join('|') !== got.join('|')) {
      problems.push(`${otherName} ${path}: placeholders {{${got.join('}}, {{')}}} ≠ de {{${want.join('}}, {{')}}}`);
    }
  }
  return problems;
}

// (c) keys used in code
interface KeyUse { key: string; file: string; prefix: boolean }

function sourceFiles(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const dir of ['renderer/src', 'electron']) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const full = join(entry.parentPath, entry.name);
      if (full.includes('node_modules')) continue;
      out.push({ file: relative(ROOT, full), text: readFileSync(full, 'utf8') });
    }
  }
  return out;
}

function keysUsedIn(file: string, text: string): KeyUse[] {
  const uses: KeyUse[] = [];
  // t('a.b' / t("a.b" / t(`a.b` (also i18n.t(…), instance.t(…))
  for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`]*?)\1/g)) {
    const quote = m[1];
    const body = m[2] ?? '';
    if (quote === '`' && body.includes('${')) continue; // handled below
    uses.push({ key: body, file, prefix: false });
  }
  // t(`result.reason.${x}`) → the prefix must be an object
  for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) {
    uses.push({ key: (m[1] ?? '').replace(/\.$/, ''), file, prefix: true });
  }
  // message keys handed around as plain strings: 'errors.network', message: "errors.internal"
  for (const m of text.matchAll(/(['"`])(errors\.[A-Za-z0-9_]+)\1/g)) {
    uses.push({ key: m[2] ?? '', file, prefix: false });
  }
  return uses;
}

function missingKeyProblems(catalogue: Catalogue, uses: KeyUse[]): string[] {
  const problems = new Set<string>();
  for (const use of uses) {
    const value = lookup(catalogue, use.key);
    if (use.prefix && !isObject(value)) problems.add(`${use.key}.* (object, used in ${use.file})`);
    // i18next plurals: t('people.count', { count }) reads people.count_one / people.count_other.
    const plural = typeof lookup(catalogue, `${use.key}_one`) === 'string' && typeof lookup(catalogue, `${use.key}_other`) === 'string';
    if (!use.prefix && typeof value !== 'string' && !plural) problems.add(`${use.key} (used in ${use.file})`);
  }
  return [...problems].sort();
}

// (d) every ErrorCode has errors.<code>; (e) every problem code of a sync has sync.problem.<code>
function errorCodes(source: string, type = 'ErrorCode'): string[] {
  const union = new RegExp(`export\\s+type\\s+${type}\\s*=([^;]+);`).exec(source);
  if (!union) return [];
  return [...(union[1] ?? '').matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

function errorCodeProblems(catalogue: Catalogue, codes: string[]): string[] {
  return codes.filter((code) => typeof lookup(catalogue, `errors.${code}`) !== 'string').map((code) => `errors.${code}`);
}

const errorsSource = readFileSync(join(ROOT, 'electron/core/errors.ts'), 'utf8');
const sources = sourceFiles();
const usedKeys = sources.flatMap(({ file, text }) => keysUsedIn(file, text));

describe('i18n catalogue', () => {
  it('(a) en.json has exactly the leaf keys of de.json, all non-empty strings', () => {
    expect(leaves(de).size).toBeGreaterThan(50);
    expect(structureProblems(de, en, 'en')).toEqual([]);
  });

  it('(b) every en text has the same {{placeholders}} as its de text', () => {
    expect(placeholderProblems(de, en, 'en')).toEqual([]);
  });

  it('(c) every key used in renderer/src and electron exists in de.json', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(usedKeys.filter((u) => !u.prefix).length).toBeGreaterThan(50);
    expect(usedKeys.some((u) => u.prefix)).toBe(true);
    expect(missingKeyProblems(de, usedKeys)).toEqual([]);
  });

  it('(d) every ErrorCode has errors.<code> in de.json', () => {
    const codes = errorCodes(errorsSource);
    expect(codes).toContain('internal');
    expect(errorCodeProblems(de, codes)).toEqual([]);
  });

  it('(e) every problem a sync or the reading of a table reports has sync.problem.<code> in de.json', () => {
    const codes = [
      ...errorCodes(readFileSync(join(ROOT, 'electron/core/sync/problems.ts'), 'utf8'), 'SyncProblemCode'),
      ...errorCodes(readFileSync(join(ROOT, 'electron/core/tabular/table.ts'), 'utf8'), 'TableProblemCode'),
    ];
    expect(codes).toEqual(expect.arrayContaining(['samePerson', 'duplicateCode', 'cellTooLong']));
    // A text of its own, or its plural forms or contexts ("lostZeros_one", "excelRounded_code") that i18next picks.
    const texts = Object.keys(lookup(de, 'sync.problem') as Catalogue);
    const has = (code: string) => typeof lookup(de, `sync.problem.${code}`) === 'string' || texts.some((k) => k.startsWith(`${code}_`));
    expect(codes.filter((code) => !has(code))).toEqual([]);
  });
});

describe('i18n catalogue checks can fail', () => {
  const copy = (c: Catalogue): Catalogue => structuredClone(c);

  it('(a) catches a missing key, an extra key, an empty text and a non-string', () => {
    const missing = copy(en);
    delete (missing.nav as Catalogue).people;
    expect(structureProblems(de, missing, 'en')).toContain('en lacks nav.people');

    const extra = copy(en);
    (extra.nav as Catalogue).bogus = 'Bogus';
    expect(structureProblems(de, extra, 'en')).toContain('en has extra nav.bogus');

    const empty = copy(en);
    (empty.app as Catalogue).loading = '  ';
    expect(structureProblems(de, empty, 'en')).toContain('en app.loading is not a non-empty string');

    const nested = copy(en);
    (nested.result as Catalogue).code = { oops: 'x' };
    expect(structureProblems(de, nested, 'en')).toContain('en lacks result.code');

    const brokenDe = copy(de);
    (brokenDe.app as Catalogue).station = 42;
    expect(structureProblems(brokenDe, en, 'en')).toContain('de app.station is not a non-empty string');
  });

  it('(b) catches a renamed, dropped or added placeholder', () => {
    // errors.event_file_newer has {{fileVersion}} and {{appVersion}}.
    for (const text of ['File {{fileVersion}}, app {{appVersio}}', 'File {{fileVersion}}', 'File {{fileVersion}}, app {{appVersion}} {{extra}}']) {
      const broken = copy(en);
      (broken.errors as Catalogue).event_file_newer = text;
      expect(placeholderProblems(de, broken, 'en')).toHaveLength(1);
    }
  });

  it('(c) catches unknown literal keys, unknown template prefixes and unknown errors.* strings', () => {
    const fake = [
      "t('nav.doesNotExist')",
      't("nav")', // an object, not a text
      't(`nope.${x}`)',
      't(`app.name.${x}`)', // a text, not an object
      "const e = { message: 'errors.nope' };",
      "t('app.name'); t(`result.reason.${r}`)", // fine
    ].join('\n');
    const uses = keysUsedIn('fake.tsx', fake);
    expect(missingKeyProblems(de, uses)).toEqual([
      'app.name.* (object, used in fake.tsx)',
      'errors.nope (used in fake.tsx)',
      'nav (used in fake.tsx)',
      'nav.doesNotExist (used in fake.tsx)',
      'nope.* (object, used in fake.tsx)',
    ]);
  });

  it('(d) catches an error code without a text', () => {
    const codes = errorCodes("export type ErrorCode =\n  | 'internal'\n  | \"brand_new\";");
    expect(codes).toEqual(['internal', 'brand_new']);
    expect(errorCodeProblems(de, codes)).toEqual(['errors.brand_new']);

    const brokenDe = copy(de);
    delete (brokenDe.errors as Catalogue).internal;
    expect(errorCodeProblems(brokenDe, errorCodes(errorsSource))).toEqual(['errors.internal']);
  });
});
