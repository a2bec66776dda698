import { describe, expect, it } from 'vitest';
import * as teikit from '../src/index.js';

// The public API surface. A change here is an API change: review it as one.
describe('the public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(teikit).sort()).toEqual([
      'GENRE_RULES',
      'TeikitError',
      'annotateTei',
      'buildIndex',
      'catalogCmif',
      'catalogCsv',
      'catalogDc',
      'catalogDcFiles',
      'catalogFiles',
      'catalogJson',
      'checkAuthority',
      'checkRules',
      'detectGenre',
      'diagnostic',
      'editionSchemaHref',
      'encodeRecord',
      'extractMentions',
      'findDates',
      'formatDiagnostic',
      'formatMentions',
      'hasErrors',
      'loadAuthority',
      'normalizeName',
      'parseCitation',
      'parseDatePhrase',
      'parseFunders',
      'parseRecord',
      'parseXml',
      'queryFiles',
      'queryIndex',
      'resolveSchema',
      'serializeXml',
      'transformToHtml',
      'transformToText',
      'tryParseXml',
      'validateFile',
      'validateFiles',
      'validateSource',
    ]);
  });
});
