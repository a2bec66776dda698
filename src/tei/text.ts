/**
 * How elements sit in running text (TEI Guidelines chapter 3, "Elements Available in All TEI Documents", and 1.3.2
 * on phrase-level and chunk-level elements): which are phrases inside a sentence, which break lines, which hold
 * alternatives, which are not read as part of the text.
 */
import { table } from '../tables.js';

/**
 * Phrase-level elements: they sit inside a word or sentence, so their start and end tags do not separate words.
 * Every other element (p, div, head, item, l, note, cell, ...) is a block: text on either side is never glued.
 */
export const PHRASE_ELEMENTS: readonly string[] = [
  'hi', 'emph', 'foreign', 'term', 'gloss', 'mentioned', 'soCalled', 'title', 'q', 'quote', 'said', 'distinct',
  'rs', 'name', 'persName', 'placeName', 'orgName', 'geogName', 'settlement', 'country', 'region', 'bloc',
  'district', 'date', 'time', 'num', 'measure', 'measureGrp', 'unit', 'ref', 'ptr', 'abbr', 'expan', 'ex', 'am',
  'sic', 'corr', 'orig', 'reg', 'choice', 'add', 'del', 'subst', 'unclear', 'supplied', 'damage', 'surplus',
  'secl', 'gap', 'seg', 'w', 'c', 'pc', 'g', 'space', 'handShift', 'ident', 'code', 'val', 'att', 'gi', 'tag',
  'email', 'idno', 'objectName', 'lang', 'ruby', 'rb', 'rt', 'restore', 'mod', 'redo', 'undo', 'retrace',
  'metamark', 'anchor', 'index', 'fw', 'certainty', 'respons', 'precision', 'oRef', 'pRef', 'orth', 'pron',
];

/** Milestones that separate words unless `@break="no"` (TEI 3.11.3). */
export const BREAK_ELEMENTS: readonly string[] = ['lb', 'pb', 'cb'];

/**
 * Elements whose children are alternatives (TEI 3.5, 11.3.1.5, 12.1): `<choice><abbr>Dr</abbr><expan>Doctor</expan>
 * </choice>` reads "Dr Doctor".
 */
export const ALTERNATIVE_ELEMENTS: readonly string[] = ['choice', 'app', 'subst'];

/**
 * One reading of a set of alternatives, as the text transform prints the text as published (transforms/tei-text.xsl):
 * of a `choice` (TEI 3.5.1) the source's form (`sic`, `abbr`, `orig`, else the first `seg`), else the editor's
 * (`corr`, `expan`, `reg`, else the second `seg`), else the first child; of an `app` (TEI 12.1) the lemma, else the
 * first reading. The other children are not read.
 */
export const CHOICE_READING: readonly (readonly string[])[] = [['sic', 'abbr', 'orig'], ['corr', 'expan', 'reg']];
export const APP_READING: readonly string[] = ['lem', 'rdg'];

/**
 * A deletion with its replacement beside it is not read: `del` inside `subst` (TEI 11.3.1.5), or next to an `add`
 * (`<del>ist</del><add>wird</add>` reads "wird").
 */
export const DELETION = 'del';
export const DELETION_PARTNERS: readonly string[] = ['add'];

/**
 * Phrase-level elements whose edges are still word boundaries: `space` is read as a space (TEI 11.4.1), `w` is a
 * word (TEI 17.1) and `seg` a segment (TEI 16.3), so that `Wien<space/>ist` and `<seg>Brünn</seg><seg>22/5</seg>` keep
 * their words apart.
 */
export const WORD_BOUNDARY_ELEMENTS: readonly string[] = ['space', 'w', 'seg'];

/**
 * Not running text although outside the header: stand-off annotation (TEI 16.10), and ruby glosses (`rt`, the
 * reading printed above the base text, TEI 3.4.2), which a reader does not read as part of the sentence.
 */
export const ASIDE_ELEMENTS: readonly string[] = ['standOff', 'rt'];

/**
 * Editorial marks printed the way editions print them (TEI 3.5.3 `supplied`, 3.5.3 `gap`): supplied text in square
 * brackets, a gap as "[...]". The encoder writes the translator's brackets as these elements, so printing them back
 * gives the published text.
 */
export const PRINTED_MARKS: Readonly<Record<string, readonly [string, string]>> = table({
  supplied: ['[', ']'],
  gap: ['[...]', ''],
});
