const SPELLED: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ı: 'i', İ: 'I', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O',
  đ: 'd', Đ: 'D', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', þ: 'th', ð: 'd',
};

/**
 * A part of a file name that every system, mail program and ZIP tool copes with: German letters spelled out
 * (Müller → Mueller), other letters without accents (Çelik → Celik, Yılmaz → Yilmaz), anything else a hyphen.
 */
export function fileNamePart(text: string, max = 60): string {
  return text
    .replace(/[äöüÄÖÜßıİłŁøØđĐæÆœŒþð]/g, (c) => SPELLED[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
}
