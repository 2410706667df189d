import { describe, expect, it } from 'vitest';
import { MASK, redactSecrets } from '../../src/ci/redact.js';

describe('redactSecrets', () => {
  const cases: [string, string, string][] = [
    ['classic GitHub token', `push with ghp_${'A1b2'.repeat(9)} failed`, 'push with *** failed'],
    ['GitHub app token', `token=ghs_${'x'.repeat(36)}`, 'token=***'],
    ['OAuth token', `gho_${'Z'.repeat(36)}`, '***'],
    ['fine-grained token', `github_pat_11ABCDEFG0${'a'.repeat(60)}`, '***'],
    ['AWS access key id', 'key AKIAIOSFODNN7EXAMPLE used', 'key *** used'],
    [
      'AWS secret key',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = ***',
    ],
    [
      'JWT',
      'cookie: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U;',
      'cookie: ***;',
    ],
    ['bearer header', '> Authorization: Bearer abc.def-123', '> Authorization: Bearer ***'],
    ['basic header in JSON', '{"authorization":"Basic dXNlcjpwYXNz"}', '{"authorization":"Basic ***"}'],
    ['query token', 'GET /api?page=2&access_token=s3cr3t&x=1', 'GET /api?page=2&access_token=***&x=1'],
    ['query password', 'https://h.test/login?password=hunter22', 'https://h.test/login?password=***'],
    [
      'connection string',
      'DATABASE_URL=postgres://app:pa55word@db:5432/shop',
      'DATABASE_URL=postgres://app:***@db:5432/shop',
    ],
    ['env assignment', 'export REDIS_PASSWORD=s3cr3t-value', 'export REDIS_PASSWORD=***'],
    ['ADO connection string', 'Server=db;User Id=sa;Password=Str0ng!;', 'Server=db;User Id=sa;Password=***;'],
  ];
  for (const [name, input, output] of cases)
    it(`masks a ${name}`, () => {
      expect(redactSecrets(input)).toBe(output);
    });

  it('masks private key blocks line by line, keeping line numbers', () => {
    const input =
      'before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAAC3NzaC1lZDI1NTE5\n-----END OPENSSH PRIVATE KEY-----\nafter';
    const output = redactSecrets(input);
    expect(output.split('\n')).toEqual([
      'before',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      MASK,
      MASK,
      '-----END OPENSSH PRIVATE KEY-----',
      'after',
    ]);
  });

  it('masks the extra values it is given, multi-line ones per line, short ones not', () => {
    const output = redactSecrets('deploying with s3cr3t-value and key line-one / line-two on', [
      's3cr3t-value',
      'line-one\nline-two',
      'on',
    ]);
    expect(output).toBe('deploying with *** and key *** / *** on');
  });

  it('leaves ordinary log text alone', () => {
    const text = [
      'tests/test_auth.py:12: in test_token_expiry',
      "E   KeyError: 'token'",
      '    at authorize (src/auth.js:10:5)',
      'Downloaded https://repo.maven.apache.org/maven2/org/x/1.0/x-1.0.pom (2 kB)',
    ].join('\n');
    expect(redactSecrets(text)).toBe(text);
  });
});
