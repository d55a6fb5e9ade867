/**
 * German gender forms reduced to the word they are made of, so that one name stands for all spellings: pretix 2026
 * writes "Name Teilnehmer*in", "Teilnehmer*innen-Firma" and "Teilnehmer*innenname: Vorname"; others write
 * "Teilnehmer:innen", "Teilnehmer_in", "Teilnehmer/-innen" or "TeilnehmerInnen". pretix's own separator
 * ("Teilnehmer*in: Vorname") has a space after the colon, a gender colon never has; an underscore counts only
 * after "…er" or "…nt" ("Referent_innen"), as "check_in" and "opt_in" are names of API fields.
 */
export function withoutGenderForms(text: string): string {
  return text
    .replace(/(\p{Ll})(?:[*:·]|\/-?|(?<=(?:er|nt))_)innen(?=\p{Ll})/gu, '$1')
    .replace(/(\p{Ll})(?:[*:·]|\/-?|(?<=(?:er|nt))_)(?:in|innen)(?![\p{L}_])/gu, '$1')
    .replace(/(\p{Ll}(?:er|nt))In(?:nen)?(?!\p{L})/gu, '$1');
}
