/**
 * Language names as the archive writes them ("Original Language: Chinese", "Translation - English") -> BCP 47
 * tags for TEI `language/@ident` and `@xml:lang`, from the vocabulary's language table (src/tei/languages.ts).
 */
import { languageTag } from '../tei/index.js';

export interface Language {
  /** As written in the record. */
  name: string;
  /** BCP 47 tag; "und" (undetermined) when the name is not known. */
  tag: string;
  known: boolean;
}

export function language(name: string): Language {
  const clean = name.trim();
  const tag = languageTag(clean);
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
