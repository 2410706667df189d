import { describe, expect, it } from 'vitest';
import { lexicalTokens, splitIdentifier, termCounts } from '../../src/context/tokens.js';

describe('splitIdentifier', () => {
  it('splits snake_case, camelCase and acronyms, lower-cased', () => {
    expect(splitIdentifier('parse_http_header')).toEqual(['parse', 'http', 'header']);
    expect(splitIdentifier('parseHTTPHeader')).toEqual(['parse', 'http', 'header']);
    expect(splitIdentifier('HTTPServer')).toEqual(['http', 'server']);
    expect(splitIdentifier('__init__')).toEqual(['init']);
  });

  it('keeps digits with the letters before them and drops bare numbers and single letters', () => {
    expect(splitIdentifier('utf8Decode')).toEqual(['utf8', 'decode']);
    expect(splitIdentifier('base64_x_42')).toEqual(['base64']);
  });
});

describe('lexicalTokens', () => {
  it('tokenizes every identifier-like run of a text, repeats included, compounds also whole', () => {
    expect(lexicalTokens('Calling `Session.send()` raised KeyError in send_request.')).toEqual([
      'calling',
      'session',
      'send',
      'raised',
      'key',
      'error',
      'keyerror',
      'in',
      'send',
      'request',
      'send_request',
    ]);
    expect(lexicalTokens('__init__ x HTTP2')).toEqual(['init', 'http2']);
  });

  it('counts terms', () => {
    expect([...termCounts(['a1', 'b2', 'a1'])]).toEqual([
      ['a1', 2],
      ['b2', 1],
    ]);
  });
});
