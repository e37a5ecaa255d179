import * as assert from 'node:assert/strict';
import { externalLink } from '../../../src/common/safeLink';

describe('externalLink', () => {
  it('accepts http and https links', () => {
    assert.equal(externalLink('https://example.com/docs?a=1#x'), 'https://example.com/docs?a=1#x');
    assert.equal(externalLink('http://localhost:8080/'), 'http://localhost:8080/');
  });

  for (const href of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://settings',
    'data:text/html,<script>1</script>',
    'mailto:a@b.c',
    '/relative/path',
    '',
    'https://',
  ]) {
    it(`refuses ${JSON.stringify(href)}`, () => {
      assert.equal(externalLink(href), undefined);
    });
  }

  it('refuses non-strings', () => {
    assert.equal(externalLink(undefined), undefined);
    assert.equal(externalLink({ href: 'https://a.b' }), undefined);
  });
});
