/** The TEI vocabulary every stage shares: one place for each fact of the TEI Guidelines that teikit relies on. */
export * from './names.js';
export * from './registers.js';
export * from './pointers.js';
export * from './dates.js';
export * from './text.js';
export * from './languages.js';
