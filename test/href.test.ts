/**
 * src/href.ts: the one reading of a reference to another file (xml-model and xi:include hrefs, Schematron includes,
 * DOCTYPE system ids, TEI pointers), with the cases where the copies it replaced disagreed.
 */
import { describe, expect, it } from 'vitest';
import { localFile, percentDecode, uriScheme } from '../src/href.js';

describe('file references', () => {
  it('a scheme is RFC 3986 scheme syntax before ":", lower-cased; a relative reference has none', () => {
    expect(['http://x/a.rng', 'FILE:///a', 'urn:x', 'geonames:123', 'a+b.c-d:x', 'a.rng', '../a.rng', '/a.rng', '#id', '1x:y', ''].map(uriScheme)).toEqual([
      'http', 'file', 'urn', 'geonames', 'a+b.c-d', undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });

  it('percent-decodes valid percent-encoding and keeps anything else as written', () => {
    expect(['a%20b', 'caf%C3%A9', 'plain', '100%', '%E0%A4%A', 'x%2Fy'].map(percentDecode)).toEqual(['a b', 'café', 'plain', '100%', '%E0%A4%A', 'x/y']);
  });

  it('resolves a relative path against the folder of the file it was written in, percent-decoded', () => {
    expect(localFile('schema/my%20schema.rng', '/data/letters/a.xml')).toEqual({ path: '/data/letters/schema/my schema.rng' });
    expect(localFile('../shared.dtd', '/data/letters/a.xml')).toEqual({ path: '/data/shared.dtd' });
    expect(localFile('/abs/x.rng', '/data/a.xml')).toEqual({ path: '/abs/x.rng' });
    expect(localFile('file:///abs/my%20x.rng', '/data/a.xml')).toEqual({ path: '/abs/my x.rng' });
  });

  it('a remote reference is named by its scheme (never fetched); a file: URL with a host is no usable path', () => {
    expect(localFile('https://tei-c.org/tei_all.rng', '/data/a.xml')).toEqual({ remote: 'https' });
    expect(localFile('file://server/share/x.rng', '/data/a.xml')).toEqual({ badFileUrl: true });
  });
});
