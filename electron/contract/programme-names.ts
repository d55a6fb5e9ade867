/*
 * How walks and sessions are named beside their kind: pure, no imports, so the renderer and the core (reports,
 * PDFs) label them alike.
 */

/**
 * Whether a walk's or session's name already says what it is: it starts with what it is („Stadtrundgang: Altstadt …“,
 * „Fachforum 1: …“, „Workshop: …“), or it has the name of its kind in it („Stadtrundgang Altstadt“ beside
 * „Stadtrundgang“, when `kind` is given). Such a name is shown without its kind beside it, which read
 * „Stadtrundgang: Altstadt … · Stadtrundgang“.
 */
export function nameSaysKind(name: string, kind?: string): boolean {
  if (/^[^:]{3,40}: /.test(name)) return true;
  return kind !== undefined && kind.trim() !== '' && name.toLocaleLowerCase('de').includes(kind.trim().toLocaleLowerCase('de'));
}
