/**
 * Language names as the archive writes them ("Original Language: Chinese", "Translation - English") -> BCP 47
 * tags for TEI `language/@ident` and `@xml:lang` (TEI P5 Guidelines vi.1, BCP 47 / IANA subtag registry).
 */
const TAGS: Record<string, string> = {
  albanian: 'sq', arabic: 'ar', armenian: 'hy', azerbaijani: 'az', belarusian: 'be', bulgarian: 'bg', burmese: 'my',
  chinese: 'zh', croatian: 'hr', czech: 'cs', danish: 'da', dutch: 'nl', english: 'en', estonian: 'et', finnish: 'fi',
  french: 'fr', georgian: 'ka', german: 'de', greek: 'el', hebrew: 'he', hindi: 'hi', hungarian: 'hu',
  indonesian: 'id', italian: 'it', japanese: 'ja', kazakh: 'kk', khmer: 'km', korean: 'ko', lao: 'lo', latvian: 'lv',
  lithuanian: 'lt', macedonian: 'mk', mongolian: 'mn', norwegian: 'no', persian: 'fa', farsi: 'fa', polish: 'pl',
  portuguese: 'pt', romanian: 'ro', russian: 'ru', serbian: 'sr', 'serbo-croatian': 'sh', slovak: 'sk',
  slovenian: 'sl', spanish: 'es', swedish: 'sv', thai: 'th', tibetan: 'bo', turkish: 'tr', ukrainian: 'uk',
  urdu: 'ur', uyghur: 'ug', uighur: 'ug', vietnamese: 'vi', yiddish: 'yi',
};

export interface Language {
  /** As written in the record. */
  name: string;
  /** BCP 47 tag; "und" (undetermined) when the name is not known. */
  tag: string;
  known: boolean;
}

export function language(name: string): Language {
  const clean = name.trim();
  const tag = TAGS[clean.toLowerCase()];
  return { name: clean, tag: tag ?? 'und', known: tag !== undefined };
}

/** "Chinese", "Chinese and Russian", "Chinese, Russian" -> one Language each. */
export function languages(list: string): Language[] {
  return list
    .split(/\s*(?:,|;|\/|\band\b)\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(language);
}
