/**
 * XML Schema 1.0 regular expressions (XML Schema Part 2, Appendix F), matched in time linear in the value's length.
 *
 * The expression is parsed into a tree whose character classes are sets of code points (ranges, Unicode
 * categories, blocks, unions, complements, subtractions), compiled to a Thompson NFA, and run as a lazily built DFA:
 * each DFA state is a set of NFA states, its transitions are cached per code point, and the cache is dropped when it
 * grows past a bound, so a value costs O(length x NFA size) at worst and O(length) once warm. Nothing backtracks:
 * `(a+)+b` against 36 `a`s and a `c` is answered at once.
 *
 * XSD semantics (not those of JavaScript): the whole value must match (implicit anchors, F.1), `^` and `$` are
 * ordinary characters, there are no back-references, `.` is any character but newline and carriage return, `\s` is
 * space, tab, newline and carriage return, `\d` is `\p{Nd}`, `\w` is everything but `\p{P}`, `\p{Z}`, `\p{C}`, `\i`
 * and `\c` are XML name characters, `[a-z-[aeiou]]` subtracts. Values are read as code points (astral included).
 * Unicode categories come from the JavaScript engine's `\p{...}` tables (a current Unicode, as Java's are for jing);
 * block names are those of Unicode 3.1 listed in F.1.1.
 */
import { table } from '../../../tables.js';

export interface XsdRegex {
  /** Whether the whole of `value` matches. */
  test(value: string): boolean;
}

/** A syntax error in a pattern: `message` says what is wrong and at which character (1-based, in code points). */
export class XsdRegexError extends Error {
  constructor(readonly source: string, readonly index: number, reason: string) {
    super(`bad regular expression "${source}" at character ${index + 1}: ${reason}`);
    this.name = 'XsdRegexError';
  }
}

// ---- character sets ----

type CharSet =
  | { kind: 'ranges'; ranges: Array<[number, number]> }
  | { kind: 'test'; name: string; test: (cp: number) => boolean }
  | { kind: 'union'; sets: CharSet[] }
  | { kind: 'not'; set: CharSet }
  | { kind: 'minus'; set: CharSet; minus: CharSet };

function contains(set: CharSet, cp: number): boolean {
  switch (set.kind) {
    case 'ranges':
      for (const [lo, hi] of set.ranges) if (cp >= lo && cp <= hi) return true;
      return false;
    case 'test':
      return set.test(cp);
    case 'union':
      return set.sets.some((s) => contains(s, cp));
    case 'not':
      return !contains(set.set, cp);
    case 'minus':
      return contains(set.set, cp) && !contains(set.minus, cp);
  }
}

const ranges = (...rs: Array<[number, number]>): CharSet => ({ kind: 'ranges', ranges: rs });
const char = (cp: number): CharSet => ranges([cp, cp]);

/** XSD 1.0 F.1.1 category names (Cs is not among them). */
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf',
  'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

const categoryCache = new Map<string, CharSet>();

function category(name: string): CharSet {
  let set = categoryCache.get(name);
  if (set === undefined) {
    const re = new RegExp(`^\\p{${name === 'C' ? 'Other' : name}}$`, 'u');
    // Memo per code point: values repeat characters, and the RegExp call dominates otherwise.
    const memo = new Map<number, boolean>();
    set = {
      kind: 'test', name, test: (cp) => {
        let hit = memo.get(cp);
        if (hit === undefined) {
          hit = re.test(String.fromCodePoint(cp));
          if (memo.size < 65_536) memo.set(cp, hit);
        }
        return hit;
      },
    };
    categoryCache.set(name, set);
  }
  return set;
}

/** Unicode 3.1 blocks as XSD 1.0 names them (F.1.1); "PrivateUse" and "Specials" have more than one range. */
const BLOCKS: Readonly<Record<string, Array<[number, number]>>> = table({
  BasicLatin: [[0x0000, 0x007f]], 'Latin-1Supplement': [[0x0080, 0x00ff]], 'LatinExtended-A': [[0x0100, 0x017f]],
  'LatinExtended-B': [[0x0180, 0x024f]], IPAExtensions: [[0x0250, 0x02af]], SpacingModifierLetters: [[0x02b0, 0x02ff]],
  CombiningDiacriticalMarks: [[0x0300, 0x036f]], Greek: [[0x0370, 0x03ff]], Cyrillic: [[0x0400, 0x04ff]],
  Armenian: [[0x0530, 0x058f]], Hebrew: [[0x0590, 0x05ff]], Arabic: [[0x0600, 0x06ff]], Syriac: [[0x0700, 0x074f]],
  Thaana: [[0x0780, 0x07bf]], Devanagari: [[0x0900, 0x097f]], Bengali: [[0x0980, 0x09ff]], Gurmukhi: [[0x0a00, 0x0a7f]],
  Gujarati: [[0x0a80, 0x0aff]], Oriya: [[0x0b00, 0x0b7f]], Tamil: [[0x0b80, 0x0bff]], Telugu: [[0x0c00, 0x0c7f]],
  Kannada: [[0x0c80, 0x0cff]], Malayalam: [[0x0d00, 0x0d7f]], Sinhala: [[0x0d80, 0x0dff]], Thai: [[0x0e00, 0x0e7f]],
  Lao: [[0x0e80, 0x0eff]], Tibetan: [[0x0f00, 0x0fff]], Myanmar: [[0x1000, 0x109f]], Georgian: [[0x10a0, 0x10ff]],
  HangulJamo: [[0x1100, 0x11ff]], Ethiopic: [[0x1200, 0x137f]], Cherokee: [[0x13a0, 0x13ff]],
  UnifiedCanadianAboriginalSyllabics: [[0x1400, 0x167f]], Ogham: [[0x1680, 0x169f]], Runic: [[0x16a0, 0x16ff]],
  Khmer: [[0x1780, 0x17ff]], Mongolian: [[0x1800, 0x18af]], LatinExtendedAdditional: [[0x1e00, 0x1eff]],
  GreekExtended: [[0x1f00, 0x1fff]], GeneralPunctuation: [[0x2000, 0x206f]], SuperscriptsandSubscripts: [[0x2070, 0x209f]],
  CurrencySymbols: [[0x20a0, 0x20cf]], CombiningMarksforSymbols: [[0x20d0, 0x20ff]], LetterlikeSymbols: [[0x2100, 0x214f]],
  NumberForms: [[0x2150, 0x218f]], Arrows: [[0x2190, 0x21ff]], MathematicalOperators: [[0x2200, 0x22ff]],
  MiscellaneousTechnical: [[0x2300, 0x23ff]], ControlPictures: [[0x2400, 0x243f]], OpticalCharacterRecognition: [[0x2440, 0x245f]],
  EnclosedAlphanumerics: [[0x2460, 0x24ff]], BoxDrawing: [[0x2500, 0x257f]], BlockElements: [[0x2580, 0x259f]],
  GeometricShapes: [[0x25a0, 0x25ff]], MiscellaneousSymbols: [[0x2600, 0x26ff]], Dingbats: [[0x2700, 0x27bf]],
  BraillePatterns: [[0x2800, 0x28ff]], CJKRadicalsSupplement: [[0x2e80, 0x2eff]], KangxiRadicals: [[0x2f00, 0x2fdf]],
  IdeographicDescriptionCharacters: [[0x2ff0, 0x2fff]], CJKSymbolsandPunctuation: [[0x3000, 0x303f]], Hiragana: [[0x3040, 0x309f]],
  Katakana: [[0x30a0, 0x30ff]], Bopomofo: [[0x3100, 0x312f]], HangulCompatibilityJamo: [[0x3130, 0x318f]], Kanbun: [[0x3190, 0x319f]],
  BopomofoExtended: [[0x31a0, 0x31bf]], EnclosedCJKLettersandMonths: [[0x3200, 0x32ff]], CJKCompatibility: [[0x3300, 0x33ff]],
  CJKUnifiedIdeographsExtensionA: [[0x3400, 0x4db5]], CJKUnifiedIdeographs: [[0x4e00, 0x9fff]], YiSyllables: [[0xa000, 0xa48f]],
  YiRadicals: [[0xa490, 0xa4cf]], HangulSyllables: [[0xac00, 0xd7a3]], HighSurrogates: [[0xd800, 0xdb7f]],
  HighPrivateUseSurrogates: [[0xdb80, 0xdbff]], LowSurrogates: [[0xdc00, 0xdfff]],
  PrivateUse: [[0xe000, 0xf8ff], [0xf0000, 0xffffd], [0x100000, 0x10fffd]], CJKCompatibilityIdeographs: [[0xf900, 0xfaff]],
  AlphabeticPresentationForms: [[0xfb00, 0xfb4f]], 'ArabicPresentationForms-A': [[0xfb50, 0xfdff]], CombiningHalfMarks: [[0xfe20, 0xfe2f]],
  CJKCompatibilityForms: [[0xfe30, 0xfe4f]], SmallFormVariants: [[0xfe50, 0xfe6f]], 'ArabicPresentationForms-B': [[0xfe70, 0xfefe]],
  Specials: [[0xfeff, 0xfeff], [0xfff0, 0xfffd]], HalfwidthandFullwidthForms: [[0xff00, 0xffef]], OldItalic: [[0x10300, 0x1032f]],
  Gothic: [[0x10330, 0x1034f]], Deseret: [[0x10400, 0x1044f]], ByzantineMusicalSymbols: [[0x1d000, 0x1d0ff]],
  MusicalSymbols: [[0x1d100, 0x1d1ff]], MathematicalAlphanumericSymbols: [[0x1d400, 0x1d7ff]],
  CJKUnifiedIdeographsExtensionB: [[0x20000, 0x2a6d6]], CJKCompatibilityIdeographsSupplement: [[0x2f800, 0x2fa1f]],
  Tags: [[0xe0000, 0xe007f]],
});

// XML 1.0 (fifth edition) NameStartChar and NameChar, for \i and \c.
const NAME_START: Array<[number, number]> = [
  [0x3a, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff], [0x370, 0x37d],
  [0x37f, 0x1fff], [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
const NAME_CHAR: Array<[number, number]> = [...NAME_START, [0x2d, 0x2e], [0x30, 0x39], [0xb7, 0xb7], [0x300, 0x36f], [0x203f, 0x2040]];

/** F.3.3 multi-character escapes. */
function multiCharEscape(c: string): CharSet | undefined {
  switch (c) {
    case 's': return ranges([0x20, 0x20], [0x9, 0xa], [0xd, 0xd]);
    case 'i': return ranges(...NAME_START);
    case 'c': return ranges(...NAME_CHAR);
    case 'd': return category('Nd');
    case 'w': return { kind: 'not', set: { kind: 'union', sets: [category('P'), category('Z'), category('C')] } };
    case 'S': case 'I': case 'C': case 'D': case 'W': {
      const positive = multiCharEscape(c.toLowerCase())!;
      return { kind: 'not', set: positive };
    }
    default: return undefined;
  }
}

/** F.3.1 single-character escapes. */
const SINGLE_ESCAPES: Readonly<Record<string, number>> = table({
  n: 0xa, r: 0xd, t: 0x9, '\\': 0x5c, '|': 0x7c, '.': 0x2e, '?': 0x3f, '*': 0x2a, '+': 0x2b, '(': 0x28, ')': 0x29,
  '{': 0x7b, '}': 0x7d, '-': 0x2d, '[': 0x5b, ']': 0x5d, '^': 0x5e,
});

// ---- syntax tree ----

type Node =
  | { kind: 'set'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number };

/** Most NFA states one pattern may compile to (a bound on `{n,m}` expansion). */
const MAX_STATES = 100_000;

class RegexParser {
  private i = 0;
  private readonly cps: number[];

  constructor(private readonly source: string) {
    this.cps = Array.from(source, (c) => c.codePointAt(0)!);
  }

  private fail(reason: string, at = this.i): never {
    throw new XsdRegexError(this.source, at, reason);
  }

  private peek(k = 0): number | undefined {
    return this.cps[this.i + k];
  }

  private show(cp: number | undefined): string {
    return cp === undefined ? 'the end' : `"${String.fromCodePoint(cp)}"`;
  }

  parse(): Node {
    const node = this.regExp();
    if (this.i < this.cps.length) this.fail(`unmatched ${this.show(this.peek())}`);
    return node;
  }

  /** regExp ::= branch ( '|' branch )* */
  private regExp(): Node {
    const items = [this.branch()];
    while (this.peek() === 0x7c) {
      this.i++;
      items.push(this.branch());
    }
    return items.length === 1 ? items[0]! : { kind: 'alt', items };
  }

  /** branch ::= piece* */
  private branch(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c || c === 0x29) break;
      items.push(this.piece());
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  /** piece ::= atom quantifier? */
  private piece(): Node {
    const atom = this.atom();
    const c = this.peek();
    if (c === 0x3f) {
      this.i++;
      return { kind: 'repeat', item: atom, min: 0, max: 1 };
    }
    if (c === 0x2a) {
      this.i++;
      return { kind: 'repeat', item: atom, min: 0, max: Infinity };
    }
    if (c === 0x2b) {
      this.i++;
      return { kind: 'repeat', item: atom, min: 1, max: Infinity };
    }
    if (c === 0x7b) return this.quantity(atom);
    return atom;
  }

  /** '{' (n | n ',' | n ',' m) '}' */
  private quantity(atom: Node): Node {
    const start = this.i;
    this.i++;
    const number = (): number | undefined => {
      const from = this.i;
      while (this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x39) this.i++;
      if (this.i === from) return undefined;
      return Number(String.fromCodePoint(...this.cps.slice(from, this.i)));
    };
    const min = number();
    if (min === undefined) this.fail('a quantifier {n}, {n,} or {n,m} needs a number after "{"', start);
    let max = min;
    if (this.peek() === 0x2c) {
      this.i++;
      max = number() ?? Infinity;
    }
    if (this.peek() !== 0x7d) this.fail('a quantifier {n}, {n,} or {n,m} must end with "}"');
    this.i++;
    if (max < min) this.fail(`the quantifier {${min},${max}} has its minimum above its maximum`, start);
    if (Math.max(min, max === Infinity ? 0 : max) > MAX_STATES) this.fail(`the quantifier is too large (at most ${MAX_STATES})`, start);
    return { kind: 'repeat', item: atom, min, max };
  }

  /** atom ::= Char | charClass | '(' regExp ')' */
  private atom(): Node {
    const c = this.peek()!;
    const at = this.i;
    switch (c) {
      case 0x28: {
        this.i++;
        const inner = this.regExp();
        if (this.peek() !== 0x29) this.fail('"(" without its ")"', at);
        this.i++;
        return inner;
      }
      case 0x5b:
        return { kind: 'set', set: this.charClassExpr() };
      case 0x2e:
        this.i++;
        return { kind: 'set', set: { kind: 'not', set: ranges([0xa, 0xa], [0xd, 0xd]) } };
      case 0x5c:
        return { kind: 'set', set: this.escape(false).set };
      case 0x3f: case 0x2a: case 0x2b: case 0x7b:
        this.fail(`the quantifier ${this.show(c)} follows nothing`);
      // falls through (fail never returns)
      case 0x7d: case 0x5d:
        this.fail(`${this.show(c)} must be escaped with a backslash`);
      // falls through
      default:
        this.i++;
        return { kind: 'set', set: char(c) };
    }
  }

  /** charClassEsc (and, inside a class, SingleCharEsc as a range end): `\n`, `\d`, `\p{Lu}`, `\P{IsGreek}` ... */
  private escape(inClass: boolean): { set: CharSet; single?: number } {
    const at = this.i;
    this.i++;
    const c = this.peek();
    if (c === undefined) this.fail('a backslash at the end of the expression', at);
    const ch = String.fromCodePoint(c);
    this.i++;
    const single = SINGLE_ESCAPES[ch];
    if (single !== undefined) return { set: char(single), single };
    const multi = multiCharEscape(ch);
    if (multi !== undefined) return { set: multi };
    if (ch === 'p' || ch === 'P') {
      if (this.peek() !== 0x7b) this.fail(`\\${ch} must be followed by {name}`, at);
      const close = this.cps.indexOf(0x7d, this.i);
      if (close < 0) this.fail(`\\${ch}{ without its closing "}"`, at);
      const name = String.fromCodePoint(...this.cps.slice(this.i + 1, close));
      this.i = close + 1;
      let set: CharSet;
      if (CATEGORIES.has(name)) set = category(name);
      else if (name.startsWith('Is') && BLOCKS[name.slice(2)] !== undefined) set = ranges(...BLOCKS[name.slice(2)]!);
      else this.fail(name.startsWith('Is') ? `unknown Unicode block "${name.slice(2)}"` : `unknown Unicode category "${name}"`, at);
      return { set: ch === 'P' ? { kind: 'not', set } : set };
    }
    void inClass;
    return this.fail(`unknown escape "\\${ch}"${/[0-9]/.test(ch) ? ' (XML Schema has no back-references)' : ''}`, at);
  }

  /** charClassExpr ::= '[' charGroup ']', charGroup ::= ('^')? (charRange | charClassEsc)+ ('-' charClassExpr)? */
  private charClassExpr(): CharSet {
    const open = this.i;
    this.i++;
    let negated = false;
    if (this.peek() === 0x5e) {
      negated = true;
      this.i++;
    }
    const parts: CharSet[] = [];
    let minus: CharSet | undefined;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('"[" without its "]"', open);
      if (c === 0x5d) {
        if (parts.length === 0) this.fail('an empty character class', open);
        this.i++;
        break;
      }
      if (c === 0x2d && this.peek(1) === 0x5b) {
        // charClassSub: the subtraction is the last thing in the group.
        if (parts.length === 0) this.fail('a subtraction "-[...]" needs characters to subtract from');
        this.i++;
        minus = this.charClassExpr();
        if (this.peek() !== 0x5d) this.fail('a subtraction "-[...]" must end the character class');
        this.i++;
        break;
      }
      if (c === 0x5b) this.fail('"[" inside a character class must be escaped (or start a subtraction "-[...]")');
      // The grammar of F.1 allows a bare "-" only as a range separator or before a subtraction; jing (like Xerces)
      // refuses `[a-]` and `[-a]`, and so do we.
      if (c === 0x2d) this.fail('"-" must be escaped as "\\-" here (a bare "-" only separates a range or starts a subtraction)');
      let low: number | undefined;
      const at = this.i;
      if (c === 0x5c) {
        const e = this.escape(true);
        if (e.single === undefined) {
          parts.push(e.set);
          continue;
        }
        low = e.single;
      } else {
        this.i++;
        low = c;
      }
      // seRange: a '-' between two characters (a '-' before ']' or first/last is itself a character).
      if (this.peek() === 0x2d && this.peek(1) !== 0x5d && this.peek(1) !== 0x5b && this.peek(1) !== undefined) {
        this.i++;
        const h = this.peek()!;
        let high: number;
        if (h === 0x5c) {
          const e = this.escape(true);
          if (e.single === undefined) this.fail('a range cannot end with a multi-character escape', at);
          high = e.single;
        } else {
          if (h === 0x2d) this.fail('"-" cannot end a range; escape it as "\\-"', at);
          this.i++;
          high = h;
        }
        if (high < low) this.fail(`the range ${String.fromCodePoint(low)}-${String.fromCodePoint(high)} goes backwards`, at);
        parts.push(ranges([low, high]));
      } else {
        parts.push(char(low));
      }
    }
    let set: CharSet = parts.length === 1 ? parts[0]! : { kind: 'union', sets: parts };
    if (negated) set = { kind: 'not', set };
    if (minus !== undefined) set = { kind: 'minus', set, minus };
    return set;
  }
}

// ---- Thompson NFA ----

interface Nfa {
  /** For each state: its character set (a consuming state) or undefined (epsilon or accepting). */
  sets: Array<CharSet | undefined>;
  /** For a consuming state, the one next state; for an epsilon state, its targets. */
  next: number[][];
  start: number;
  accept: number;
}

function compile(root: Node, source: string): Nfa {
  const sets: Array<CharSet | undefined> = [];
  const next: number[][] = [];
  const state = (set?: CharSet): number => {
    if (sets.length >= MAX_STATES) throw new XsdRegexError(source, 0, `the expression is too large (more than ${MAX_STATES} states)`);
    sets.push(set);
    next.push([]);
    return sets.length - 1;
  };
  /** Build `node` between fresh states; returns [entry, exit] (exit is an epsilon state). */
  const build = (node: Node): [number, number] => {
    switch (node.kind) {
      case 'set': {
        const s = state(node.set);
        const e = state();
        next[s]!.push(e);
        return [s, e];
      }
      case 'seq': {
        const s = state();
        let last = s;
        for (const item of node.items) {
          const [a, b] = build(item);
          next[last]!.push(a);
          last = b;
        }
        return [s, last];
      }
      case 'alt': {
        const s = state();
        const e = state();
        for (const item of node.items) {
          const [a, b] = build(item);
          next[s]!.push(a);
          next[b]!.push(e);
        }
        return [s, e];
      }
      case 'repeat': {
        const s = state();
        let last = s;
        for (let k = 0; k < node.min; k++) {
          const [a, b] = build(node.item);
          next[last]!.push(a);
          last = b;
        }
        if (node.max === Infinity) {
          const [a, b] = build(node.item);
          const loop = state();
          next[last]!.push(loop);
          next[loop]!.push(a);
          next[b]!.push(loop);
          return [s, loop];
        }
        const e = state();
        next[last]!.push(e);
        for (let k = node.min; k < node.max; k++) {
          const [a, b] = build(node.item);
          next[last]!.push(a);
          next[b]!.push(e);
          last = b;
        }
        return [s, e];
      }
    }
  };
  const [start, accept] = build(root);
  return { sets, next, start, accept };
}

// ---- lazy DFA ----

interface DState {
  /** Consuming NFA states in this DFA state (after epsilon closure). */
  states: number[];
  accepting: boolean;
  edges: Map<number, DState>;
}

/** DFA states kept before the cache is dropped (the match goes on, building states again as needed). */
const MAX_DFA_STATES = 4096;

class Matcher implements XsdRegex {
  private cache = new Map<string, DState>();
  private readonly startState: DState;
  private readonly dead: DState = { states: [], accepting: false, edges: new Map() };
  private readonly mark: Int32Array;
  private generation = 0;

  constructor(private readonly nfa: Nfa) {
    this.mark = new Int32Array(nfa.sets.length);
    this.startState = this.intern(this.closure([nfa.start]));
  }

  /** Epsilon closure: the consuming states reachable, and whether the accepting state is. */
  private closure(from: number[]): { states: number[]; accepting: boolean } {
    const gen = ++this.generation;
    const stack = [...from];
    const states: number[] = [];
    let accepting = false;
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.mark[s] === gen) continue;
      this.mark[s] = gen;
      if (s === this.nfa.accept) accepting = true;
      if (this.nfa.sets[s] !== undefined) {
        states.push(s);
        continue;
      }
      for (const t of this.nfa.next[s]!) if (this.mark[t] !== gen) stack.push(t);
    }
    states.sort((a, b) => a - b);
    return { states, accepting };
  }

  private intern(c: { states: number[]; accepting: boolean }): DState {
    if (c.states.length === 0 && !c.accepting) return this.dead;
    const key = c.states.join(',') + (c.accepting ? '!' : '');
    let d = this.cache.get(key);
    if (d === undefined) {
      if (this.cache.size >= MAX_DFA_STATES) this.cache = new Map();
      d = { states: c.states, accepting: c.accepting, edges: new Map() };
      this.cache.set(key, d);
    }
    return d;
  }

  private step(d: DState, cp: number): DState {
    let n = d.edges.get(cp);
    if (n !== undefined) return n;
    const targets: number[] = [];
    for (const s of d.states) {
      if (contains(this.nfa.sets[s]!, cp)) targets.push(...this.nfa.next[s]!);
    }
    n = this.intern(this.closure(targets));
    // Cap the edges per state too: a value of many distinct characters must not grow one map without bound.
    if (d.edges.size < 1024) d.edges.set(cp, n);
    return n;
  }

  test(value: string): boolean {
    let d = this.startState;
    for (let i = 0; i < value.length; i++) {
      let cp = value.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < value.length) {
        const lo = value.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          i++;
        }
      }
      d = this.step(d, cp);
      if (d === this.dead) return false;
    }
    return d.accepting;
  }
}

/**
 * Compile an XML Schema 1.0 regular expression (the `pattern` facet). The result's `test` matches the whole value
 * in linear time. Throws `XsdRegexError` naming the character where the syntax goes wrong.
 */
export function compileXsdRegex(source: string): XsdRegex {
  const tree = new RegexParser(source).parse();
  return new Matcher(compile(tree, source));
}
