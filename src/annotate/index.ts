export { annotateTei, type AnnotateOptions, type AnnotateResult } from './annotate.js';
