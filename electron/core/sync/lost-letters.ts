import type { ChangeField } from './fields';

/**
 * "Y?ld?z" for "Yıldız": a list saved by Excel as a plain CSV ("CSV (Trennzeichen-getrennt)") is written in the
 * Windows code page, and every letter it lacks (ı ş ğ ł ś ć ő ě …: Turkish, Polish, Czech, Hungarian names)
 * becomes "?". Taken as a change, the name would be renamed on badges and certificates, and the desk would no longer
 * find the person by her name ("Yildiz": no hit, and a second registration on site). So a value that is the stored
 * one with non-ASCII letters turned into "?" keeps the stored value, and the dry run says so once.
 */
export function lettersLost(before: string | null, after: string | null): boolean {
  if (!before || !after || !after.includes('?')) return false;
  const was = [...before];
  const now = [...after];
  if (was.length !== now.length) return false;
  let lost = false;
  for (let i = 0; i < was.length; i++) {
    if (was[i] === now[i]) continue;
    if (now[i] !== '?' || was[i]!.codePointAt(0)! < 0x80) return false;
    lost = true;
  }
  return lost;
}

/** "?" between letters of a name: never in a real name, but what a code page without the letter leaves. */
export const questionMarkInName = (name: string | null): boolean => name !== null && /\p{L}\?|\?\p{L}/u.test(name);

/** Values kept because the list had them with letters lost (see lettersLost), and new names with "?" in them. */
export class LostLetters {
  private kept = 0;
  private keptExample: { line: number; field: ChangeField; file: string; stored: string } | null = null;
  private inNames = 0;
  private nameExample: { line: number; name: string } | null = null;

  private lastLine = -1;

  /** Counted by row: a name and an organisation of one person are one registration. */
  keep(line: number, field: ChangeField, file: string, stored: string): void {
    if (line === this.lastLine) return;
    this.lastLine = line;
    if (this.kept++ === 0) this.keptExample = { line, field, file, stored };
  }

  newName(line: number, name: string): void {
    if (this.inNames++ === 0) this.nameExample = { line, name };
  }

  report(
    header: (field: ChangeField) => string | null,
    problems: { add(p: { code: 'lettersLost' | 'questionMarkInName'; severity: 'warning'; line: number; column: string | null; params: Record<string, string | number> }): void },
  ): void {
    if (this.keptExample) {
      const { line, field, file, stored } = this.keptExample;
      problems.add({ code: 'lettersLost', severity: 'warning', line, column: header(field), params: { count: this.kept, file, stored } });
    }
    if (this.nameExample) {
      const { line, name } = this.nameExample;
      problems.add({ code: 'questionMarkInName', severity: 'warning', line, column: null, params: { count: this.inNames, name } });
    }
  }
}
