export { decodeXml, type Decoded } from './decode.js';
export * from './dom.js';
export { streamXml, type StreamOptions, type StreamResult, type XmlEventHandler, type XmlStartTag } from './events.js';
export { parseXml, tryParseXml, type ParseOptions, type ParseResult } from './parse.js';
export { escapeAttribute, escapeText, serializeXml, type SerializeOptions } from './serialize.js';
