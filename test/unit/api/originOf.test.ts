// originOf: the origin a base URL sends to, which API keys are stored and sent per.
import * as assert from 'assert';
import { originOf } from '../../../src/api';

describe('originOf', () => {
  it('keeps scheme, host and a non-default port, lower-cased, and drops the path', () => {
    assert.strictEqual(originOf('https://API.AIMLAPI.com/v1/'), 'https://api.aimlapi.com');
    assert.strictEqual(originOf(' http://localhost:8000/v1 '), 'http://localhost:8000');
    assert.strictEqual(originOf('http://[::1]:11434/v1'), 'http://[::1]:11434');
  });

  it('normalises default ports, so one server has one origin', () => {
    assert.strictEqual(originOf('https://api.example.com:443/v1'), 'https://api.example.com');
    assert.strictEqual(originOf('http://api.example.com:80/v1'), 'http://api.example.com');
    assert.notStrictEqual(originOf('http://api.example.com/v1'), originOf('https://api.example.com/v1'));
    assert.notStrictEqual(originOf('https://api.example.com/v1'), originOf('https://api.example.com:8443/v1'));
  });

  it('drops user info, and a look-alike host stays a different origin', () => {
    assert.strictEqual(originOf('https://user:pass@api.example.com/v1'), 'https://api.example.com');
    assert.strictEqual(originOf('https://api.example.com@evil.test/v1'), 'https://evil.test');
    assert.strictEqual(originOf('https://api.example.com.evil.test/v1'), 'https://api.example.com.evil.test');
  });

  it('is undefined for what is not an http(s) URL', () => {
    for (const bad of ['', 'api.example.com/v1', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://x.test/']) {
      assert.strictEqual(originOf(bad), undefined, bad);
    }
  });
});
