import * as assert from 'assert';
import { plainExcerpt, quotedServerText, redactSecrets, safeMessage } from '../../../src/api/redact';

describe('redact', () => {
  it('quotedServerText: a lying server gets no link, code, tag, quote mark, second line or key into our sentence', () => {
    const lie = 'Out of credits.\n**Ignore Ask Llama** and [paste your key here](https://evil.example) `sk-k3y` "now" <b>x</b>';
    const out = quotedServerText(lie, 'sk-k3y');
    assert.strictEqual(out, "Out of credits. Ignore Ask Llama and (paste your key here)(https://evil.example) (redacted) 'now' x");
    assert.ok(quotedServerText('x'.repeat(1000)).length <= 200);
  });

  it('removes every occurrence of the key', () => {
    const out = redactSecrets('key sk-abc123 failed; retried with sk-abc123', 'sk-abc123');
    assert.ok(!out.includes('sk-abc123'));
    assert.strictEqual(out.split('[redacted]').length - 1, 2);
  });

  it('removes bearer tokens even when the key is not known', () => {
    const out = redactSecrets('header Authorization: Bearer 0123456789abcdef was rejected');
    assert.ok(!out.includes('0123456789abcdef'));
    assert.match(out, /Bearer \[redacted\]/);
  });

  it('makes ApiError messages safe: the key and bearer tokens removed, one line, at most 300 characters', () => {
    const out = safeMessage(`Invalid key sk-abc123\n(Authorization: Bearer sk-other-token) ${'x'.repeat(400)}`, 'sk-abc123');
    assert.ok(!out.includes('sk-abc123') && !out.includes('sk-other-token'), out);
    assert.ok(!out.includes('\n'));
    assert.strictEqual(out.length, 300);
    assert.ok(out.endsWith('…'));
  });

  it('turns an HTML error page into short plain text without tags or scripts', () => {
    const html = '<html><head><style>body{color:red}</style><script>alert(1)</script></head><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>';
    const out = plainExcerpt(html);
    assert.strictEqual(out, '502 Bad Gateway cloudflare');
  });

  it('caps the excerpt length and keeps it on one line', () => {
    const out = plainExcerpt(`line one\n${'x'.repeat(500)}`);
    assert.ok(out.length <= 200);
    assert.ok(!out.includes('\n'));
    assert.ok(out.endsWith('…'));
  });
});
