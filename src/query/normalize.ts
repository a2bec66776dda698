/**
 * Name matching ignores case and diacritics: "Qoqek" = "qoqek", "Laßberg" = "LASSBERG", "Díaz" = "Diaz".
 * Unicode canonical decomposition (NFD), then combining marks (general category M) removed, then full case folding
 * (upper then lower case, so that ß folds to ss), then NFC again. The kana voicing marks U+3099/U+309A are kept:
 * they are combining marks in Unicode but tell が from か, not an accent.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/(?![\u3099\u309a])\p{M}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
