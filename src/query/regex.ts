/**
 * Regular expressions for `--match regex` that run in time linear in the text, whatever the pattern: Thompson's
 * construction and a Pike VM (https://swtch.com/~rsc/regexp/regexp2.html). JavaScript's own `RegExp` backtracks,
 * and `(a+)+$` on a long name would hang the query; this engine has no backreferences or look-around, so it cannot.
 *
 * Syntax (a subset of ECMAScript's): literals, `.`, classes `[a-z]` `[^…]`, escapes `\d \w \s \D \W \S \b` and
 * escaped metacharacters, anchors `^ $`, groups `( )` and `(?: )`, alternation `|`, quantifiers `* + ?` and
 * `{m}`, `{m,}`, `{m,n}` (lazy forms accepted: they find the same matches here). The search is unanchored, like
 * `RegExp.test`. Letters are compared case-insensitively and without diacritics (pattern and text are folded by the
 * caller's `fold`).
 */

export class RegexError extends Error {}

type Pred = (c: number) => boolean;
type Node =
  | { t: 'char'; pred: Pred }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'wordb'; negate: boolean };

const isDigit: Pred = (c) => c >= 48 && c <= 57;
const WORD = /[\p{L}\p{N}_\p{M}]/u;
const isWord: Pred = (c) => WORD.test(String.fromCodePoint(c));
const SPACE = /\s/u;
const isSpace: Pred = (c) => SPACE.test(String.fromCodePoint(c));

/** Largest program accepted (counted repetitions are expanded). */
const MAX_PROGRAM = 20_000;

function parse(pattern: string, fold: (s: string) => string): Node {
  const cps = Array.from(pattern);
  let i = 0;
  const peek = (): string | undefined => cps[i];
  const fail = (message: string): never => {
    throw new RegexError(`${message} at position ${i + 1} of the regular expression`);
  };
  const literal = (ch: string): Node => {
    const folded = Array.from(fold(ch));
    if (folded.length === 0) return { t: 'seq', items: [] };
    const items: Node[] = folded.map((f) => {
      const code = f.codePointAt(0)!;
      return { t: 'char', pred: (c: number) => c === code };
    });
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  };
  const escapeClass = (ch: string): Pred | null => {
    switch (ch) {
      case 'd': return isDigit;
      case 'D': return (c) => !isDigit(c);
      case 'w': return isWord;
      case 'W': return (c) => !isWord(c);
      case 's': return isSpace;
      case 'S': return (c) => !isSpace(c);
      default: return null;
    }
  };
  const escapedChar = (ch: string): string => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[ch] ?? ch;
  const parseClass = (): Node => {
    i++; // [
    let negate = false;
    if (peek() === '^') {
      negate = true;
      i++;
    }
    const preds: Pred[] = [];
    let first = true;
    while (peek() !== undefined && (peek() !== ']' || first)) {
      first = false;
      let ch = cps[i++]!;
      if (ch === '\\') {
        const e = cps[i++] ?? fail('a class ends with "\\"');
        const p = escapeClass(e);
        if (p !== null) {
          preds.push(p);
          continue;
        }
        ch = escapedChar(e);
      }
      if (peek() === '-' && cps[i + 1] !== undefined && cps[i + 1] !== ']') {
        i++;
        let hi = cps[i++]!;
        if (hi === '\\') hi = escapedChar(cps[i++] ?? fail('a class ends with "\\"'));
        const lo = fold(ch).codePointAt(0) ?? ch.codePointAt(0)!;
        const high = fold(hi).codePointAt(0) ?? hi.codePointAt(0)!;
        if (high < lo) fail('a class range out of order');
        preds.push((c) => c >= lo && c <= high);
      } else {
        const codes = Array.from(fold(ch)).map((f) => f.codePointAt(0)!);
        preds.push((c) => codes.includes(c));
      }
    }
    if (peek() !== ']') fail('an unclosed "["');
    i++;
    return { t: 'char', pred: negate ? (c) => !preds.some((p) => p(c)) : (c) => preds.some((p) => p(c)) };
  };
  const parseAtom = (): Node => {
    const ch = peek()!;
    if (ch === '(') {
      i++;
      if (peek() === '?') {
        if (cps[i + 1] !== ':') fail('look-around and named groups are not supported');
        i += 2;
      }
      const inner = parseAlt();
      if (peek() !== ')') fail('an unclosed "("');
      i++;
      return inner;
    }
    if (ch === '[') return parseClass();
    if (ch === '.') {
      i++;
      return { t: 'char', pred: (c) => c !== 10 };
    }
    if (ch === '^') {
      i++;
      return { t: 'bol' };
    }
    if (ch === '$') {
      i++;
      return { t: 'eol' };
    }
    if (ch === '\\') {
      i++;
      const e = cps[i++] ?? fail('the expression ends with "\\"');
      if (e === 'b' || e === 'B') return { t: 'wordb', negate: e === 'B' };
      if (/[1-9]/.test(e)) fail('backreferences are not supported');
      const p = escapeClass(e);
      return p !== null ? { t: 'char', pred: p } : literal(escapedChar(e));
    }
    if (ch === ')' || ch === '|') fail(`an unexpected "${ch}"`);
    if ('*+?'.includes(ch)) fail(`nothing to repeat before "${ch}"`);
    i++;
    return literal(ch);
  };
  const parseRepeat = (): Node => {
    let node = parseAtom();
    for (;;) {
      const ch = peek();
      let min: number;
      let max: number;
      if (ch === '*') (min = 0), (max = Infinity), i++;
      else if (ch === '+') (min = 1), (max = Infinity), i++;
      else if (ch === '?') (min = 0), (max = 1), i++;
      else if (ch === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(cps.slice(i).join(''));
        if (m === null) return node; // a literal "{"
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) fail('a repetition {m,n} with n < m');
        if (min > 1000 || (max !== Infinity && max > 1000)) fail('a repetition count above 1000');
        i += Array.from(m[0]).length;
      } else return node;
      if (peek() === '?') i++; // lazy: the same set of matches
      node = { t: 'rep', node, min, max };
    }
  };
  const parseSeq = (): Node => {
    const items: Node[] = [];
    while (peek() !== undefined && peek() !== '|' && peek() !== ')') items.push(parseRepeat());
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  };
  function parseAlt(): Node {
    const items = [parseSeq()];
    while (peek() === '|') {
      i++;
      items.push(parseSeq());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }
  const node = parseAlt();
  if (i < cps.length) fail(`an unexpected "${cps[i]}"`);
  return node;
}

type Inst =
  | { op: 'char'; pred: Pred }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'bol' }
  | { op: 'eol' }
  | { op: 'wordb'; negate: boolean }
  | { op: 'match' };

function compile(node: Node): Inst[] {
  const prog: Inst[] = [];
  const emit = (inst: Inst): number => {
    if (prog.length >= MAX_PROGRAM) throw new RegexError(`the regular expression is too large (more than ${MAX_PROGRAM} steps)`);
    prog.push(inst);
    return prog.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'char': emit({ op: 'char', pred: n.pred }); return;
      case 'bol': emit({ op: 'bol' }); return;
      case 'eol': emit({ op: 'eol' }); return;
      case 'wordb': emit({ op: 'wordb', negate: n.negate }); return;
      case 'seq': for (const item of n.items) gen(item); return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length - 1; k++) {
          const split = emit({ op: 'split', x: 0, y: 0 });
          (prog[split] as { x: number }).x = prog.length;
          gen(n.items[k]!);
          jumps.push(emit({ op: 'jmp', x: 0 }));
          (prog[split] as { y: number }).y = prog.length;
        }
        gen(n.items[n.items.length - 1]!);
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === Infinity) {
          const split = emit({ op: 'split', x: 0, y: 0 });
          (prog[split] as { x: number }).x = prog.length;
          gen(n.node);
          emit({ op: 'jmp', x: split });
          (prog[split] as { y: number }).y = prog.length;
        } else {
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            splits.push(split);
            gen(n.node);
          }
          for (const s of splits) (prog[s] as { y: number }).y = prog.length;
        }
        return;
      }
    }
  };
  gen(node);
  emit({ op: 'match' });
  return prog;
}

/** A compiled pattern: `test(text)` is true when the pattern matches somewhere in `text` (already folded). */
export interface LinearRegex {
  test(text: string): boolean;
}

/** Compile `pattern`; `fold` folds its literal characters as the texts it will be tested on are folded. */
export function compileRegex(pattern: string, fold: (s: string) => string = (s) => s): LinearRegex {
  const prog = compile(parse(pattern, fold));
  return {
    test(text: string): boolean {
      const input = Array.from(text).map((c) => c.codePointAt(0)!);
      let current: number[] = [];
      let next: number[] = [];
      const seen = new Int32Array(prog.length).fill(-1);
      let generation = 0;
      const wordAt = (k: number): boolean => k >= 0 && k < input.length && isWord(input[k]!);
      // Follow jumps, splits and assertions from `pc` at position `pos`, adding the char/match states reached.
      const add = (list: number[], start: number, pos: number): void => {
        const stack = [start];
        while (stack.length > 0) {
          const pc = stack.pop()!;
          if (seen[pc] === generation) continue;
          seen[pc] = generation;
          const inst = prog[pc]!;
          switch (inst.op) {
            case 'jmp': stack.push(inst.x); break;
            case 'split': stack.push(inst.y, inst.x); break;
            case 'bol': if (pos === 0) stack.push(pc + 1); break;
            case 'eol': if (pos === input.length) stack.push(pc + 1); break;
            case 'wordb': if ((wordAt(pos - 1) !== wordAt(pos)) !== inst.negate) stack.push(pc + 1); break;
            default: list.push(pc);
          }
        }
      };
      for (let pos = 0; pos <= input.length; pos++) {
        // Unanchored: a new thread starts at every position.
        add(current, 0, pos);
        generation++;
        const c = input[pos];
        next = [];
        for (const pc of current) {
          const inst = prog[pc]!;
          if (inst.op === 'match') return true;
          if (inst.op === 'char' && c !== undefined && inst.pred(c)) add(next, pc + 1, pos + 1);
        }
        current = next;
      }
      return current.some((pc) => prog[pc]!.op === 'match');
    },
  };
}
