/**
 * The pattern model (pattern.ts), one file per kind with its constructor and simplification rules (choice.ts,
 * group.ts, interleave.ts, one-or-more.ts, list.ts, data.ts, value.ts, attribute.ts, element.ts, after.ts), and the
 * builder that interns them (builder.ts).
 */
export * from './pattern.js';
export { PatternBuilder } from './builder.js';
