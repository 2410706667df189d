import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventPayloadError, parseTriggerEvent, readTriggerEvent } from '../../src/github/event.js';

const EVENTS = join(import.meta.dirname, '..', 'fixtures', 'events');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as Record<string, unknown>;

describe('readTriggerEvent', () => {
  it('reads a pull request, and whether it comes from a fork', () => {
    expect(readTriggerEvent('pull_request', join(EVENTS, 'pull_request.opened.json'))).toEqual({
      kind: 'pull_request',
      eventName: 'pull_request',
      action: 'opened',
      number: 7,
      baseSha: '1111111111111111111111111111111111111111',
      headSha: '2222222222222222222222222222222222222222',
      baseRef: 'main',
      fromFork: false,
    });
    expect(parseTriggerEvent('pull_request_target', fixture('pull_request.opened.fork.json'))).toMatchObject({
      eventName: 'pull_request_target',
      number: 9,
      fromFork: true,
    });
    // Without a base branch name the base commit is all there is to ask GitHub with.
    const payload = fixture('pull_request.opened.json') as { pull_request: { base: Record<string, unknown> } };
    delete payload.pull_request.base.ref;
    expect(parseTriggerEvent('pull_request', payload)).not.toHaveProperty('baseRef');
  });

  it('reads issues and comments, telling comments on pull requests apart', () => {
    expect(parseTriggerEvent('issues', fixture('issues.opened.json'))).toMatchObject({
      kind: 'issue',
      action: 'opened',
      number: 12,
      title: 'Discount is applied twice for large orders',
    });
    expect(parseTriggerEvent('issue_comment', fixture('issue_comment.created.bot.json'))).toEqual({
      kind: 'issue_comment',
      action: 'created',
      number: 7,
      onPullRequest: true,
      issueTitle: 'Order totals include quantities',
      issueBody: '`Order.total_price` now multiplies by quantity; tests updated.',
      comment: {
        id: 5000003,
        body: '/context',
        htmlUrl: 'https://github.com/acme/shop/pull/7#issuecomment-5000003',
        author: 'dependabot[bot]',
        authorType: 'Bot',
        association: 'NONE',
      },
    });
    const onIssue = fixture('issue_comment.created.none.json');
    delete (onIssue.issue as Record<string, unknown>).pull_request;
    expect(parseTriggerEvent('issue_comment', onIssue)).toMatchObject({ onPullRequest: false });
  });

  it('passes other events through as unsupported', () => {
    expect(parseTriggerEvent('push', fixture('push.json'))).toEqual({
      kind: 'unsupported',
      eventName: 'push',
      action: undefined,
    });
  });

  it('names the missing field or file', () => {
    const broken = fixture('pull_request.opened.json');
    (broken.pull_request as { head: { sha: string } }).head.sha = 'main';
    expect(() => parseTriggerEvent('pull_request', broken)).toThrow(
      new EventPayloadError('The pull_request event payload has no head commit at "pull_request.head.sha".'),
    );
    expect(() => parseTriggerEvent('issues', {})).toThrow(
      'The issues event payload has no issue number at "issue.number".',
    );
    expect(() => readTriggerEvent('issues', join(EVENTS, 'missing.json'))).toThrow('Cannot read the event payload');
    expect(() => readTriggerEvent('issues', undefined)).toThrow('GITHUB_EVENT_PATH is not set');
  });
});
