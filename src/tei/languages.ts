/**
 * Language names and their BCP 47 tags (TEI Guidelines vi.1, "Language identification"; BCP 47 and the IANA
 * Language Subtag Registry, whose English descriptions these are). The encoder turns the archive's "Original
 * Language: Chinese" into `language/@ident="zh"`; the reading edition prints "Chinese" for `xml:lang="zh"`.
 */
import { table } from '../tables.js';

/** BCP 47 primary tag -> English name. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = table({
  ar: 'Arabic', az: 'Azerbaijani', be: 'Belarusian', bg: 'Bulgarian', bo: 'Tibetan', cs: 'Czech', da: 'Danish',
  de: 'German', el: 'Greek', en: 'English', es: 'Spanish', et: 'Estonian', fa: 'Persian', fi: 'Finnish', fr: 'French',
  grc: 'Ancient Greek', he: 'Hebrew', hi: 'Hindi', hr: 'Croatian', hu: 'Hungarian', hy: 'Armenian', id: 'Indonesian',
  it: 'Italian', ja: 'Japanese', ka: 'Georgian', kk: 'Kazakh', km: 'Khmer', ko: 'Korean', ky: 'Kyrgyz', la: 'Latin',
  lo: 'Lao', lt: 'Lithuanian', lv: 'Latvian', mk: 'Macedonian', mn: 'Mongolian', my: 'Burmese', nl: 'Dutch',
  no: 'Norwegian', pl: 'Polish', pt: 'Portuguese', ro: 'Romanian', ru: 'Russian', sh: 'Serbo-Croatian', sk: 'Slovak',
  sl: 'Slovenian', sq: 'Albanian', sr: 'Serbian', sv: 'Swedish', th: 'Thai', tr: 'Turkish', ug: 'Uyghur',
  uk: 'Ukrainian', ur: 'Urdu', uz: 'Uzbek', vi: 'Vietnamese', yi: 'Yiddish', zh: 'Chinese',
});

/** Other spellings a record may use, lower case -> tag. */
const ALIASES: Readonly<Record<string, string>> = table({ farsi: 'fa', uighur: 'ug' });

const BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries(LANGUAGE_NAMES).map(([tag, name]) => [name.toLowerCase(), tag] as const),
  ...Object.entries(ALIASES),
]);

/** The tag of a language name ("Chinese" -> "zh"), ignoring case; undefined when the name is not known. */
export function languageTag(name: string): string | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** The English name of a tag's primary subtag ("zh-Hant" -> "Chinese"); undefined when not known. */
export function languageName(tag: string): string | undefined {
  return LANGUAGE_NAMES[tag.split('-')[0]!.toLowerCase()];
}
