export { transformToHtml, type HtmlOptions } from './html.js';
export { transformToText, type TextOptions } from './text.js';
export type { TransformInput, TransformOptions } from './input.js';
