/**
 * Words of a text, as a reader counts them: the running text of `text` (word separation as in `teikit query`'s
 * context: block elements and line breaks separate words, phrase-level tags do not), split at white space; a token
 * counts when it holds a letter or a digit (punctuation alone is no word). Scripts written without spaces between
 * words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are segmented with `Intl.Segmenter` (Unicode UAX #29
 * with ICU's dictionaries), counting its word-like segments.
 */
import type { XmlElement } from '../xml/index.js';
import { plainText } from '../query/text.js';

const WORDY = /[\p{L}\p{N}]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | undefined): Intl.Segmenter {
  const key = lang ?? '';
  let s = segmenters.get(key);
  if (s === undefined) {
    try {
      s = new Intl.Segmenter(lang === undefined ? undefined : [lang], { granularity: 'word' });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, s);
  }
  return s;
}

/** Count the words of a string (see the module comment); `lang` (BCP 47) picks the segmenter's dictionary. */
export function countWordsIn(text: string, lang?: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) {
    if (token === '' || !WORDY.test(token)) continue;
    if (!UNSPACED.test(token)) {
      n++;
      continue;
    }
    for (const seg of segmenter(lang).segment(token)) if (seg.isWordLike === true) n++;
  }
  return n;
}

/** Words of an element's text (`text`, with its front and back matter). */
export function countWords(el: XmlElement, lang?: string): number {
  return countWordsIn(plainText(el), lang);
}
