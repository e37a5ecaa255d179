import * as assert from 'assert';
import { renderMarkdown } from '../../../../src/webview/markdown/renderMarkdown';
import { createDocument } from '../domHelpers';

function render(markdown: string): HTMLElement {
  const doc = createDocument();
  const container = doc.createElement('div');
  renderMarkdown(container, doc, markdown);
  return container;
}

describe('renderMarkdown: markdown features', () => {
  it('renders ATX and setext headings at their levels', () => {
    const html = render('# One\n\n### Three\n\nTwo\n---\n');
    assert.strictEqual(html.querySelector('h1')?.textContent, 'One');
    assert.strictEqual(html.querySelector('h3')?.textContent, 'Three');
    assert.strictEqual(html.querySelector('h2')?.textContent, 'Two');
  });

  it('renders emphasis, strong, strikethrough and inline code', () => {
    const p = render('A *b* **c** ~~d~~ `e < f`')!.querySelector('p')!;
    assert.strictEqual(p.querySelector('em')?.textContent, 'b');
    assert.strictEqual(p.querySelector('strong')?.textContent, 'c');
    assert.strictEqual(p.querySelector('del')?.textContent, 'd');
    assert.strictEqual(p.querySelector('code')?.textContent, 'e < f');
    assert.strictEqual(p.textContent, 'A b c d e < f');
  });

  it('renders unordered, ordered (with start), nested and task lists', () => {
    const html = render('- a\n- b\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n');
    const ul = html.querySelector('ul')!;
    assert.deepStrictEqual(Array.from(ul.children).map((li) => li.tagName), ['LI', 'LI']);
    assert.strictEqual(ul.querySelector('li ul li')?.textContent, 'nested');
    const ol = html.querySelector('ol')!;
    assert.strictEqual(ol.getAttribute('start'), '3');
    assert.strictEqual(ol.children.length, 2);
    const tasks = html.querySelectorAll('.task-box');
    assert.strictEqual(tasks.length, 2);
    assert.strictEqual(tasks[0].getAttribute('aria-label'), 'done');
    assert.strictEqual(html.querySelector('input'), null, 'task boxes are not form controls');
  });

  it('renders loose list items as paragraphs', () => {
    const html = render('- a\n\n- b\n');
    assert.strictEqual(html.querySelectorAll('li > p').length, 2);
  });

  it('renders tables with header, body and alignment classes (no style attributes)', () => {
    const html = render('| Name | Count |\n|:-----|------:|\n| a | 1 |\n| b | 2 |\n');
    assert.deepStrictEqual(Array.from(html.querySelectorAll('thead th')).map((th) => th.textContent), ['Name', 'Count']);
    assert.strictEqual(html.querySelectorAll('tbody tr').length, 2);
    assert.strictEqual(html.querySelector('tbody td')?.getAttribute('class'), 'align-left');
    assert.strictEqual(html.querySelector('thead th:last-child')?.getAttribute('class'), 'align-right');
    assert.ok(html.querySelector('.table-scroll > table'), 'tables scroll sideways in a narrow sidebar');
  });

  it('renders http(s) links as anchors and autolinks', () => {
    const html = render('See [docs](https://example.com/a?b=1) and <http://x.org> and www.y.org.');
    const hrefs = Array.from(html.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepStrictEqual(hrefs, ['https://example.com/a?b=1', 'http://x.org/', 'http://www.y.org/']);
    assert.strictEqual(html.querySelector('a')?.textContent, 'docs');
  });

  it('renders blockquotes and horizontal rules', () => {
    const html = render('> quoted **text**\n\n---\n\nafter');
    assert.strictEqual(html.querySelector('blockquote p strong')?.textContent, 'text');
    assert.ok(html.querySelector('hr'));
  });

  it('renders fenced code with a language label, toolbar and highlighting', () => {
    const html = render('```python\ndef f(x):\n    return x + 1\n```\n');
    const block = html.querySelector('.code-block')!;
    assert.strictEqual(block.getAttribute('data-language'), 'python');
    assert.strictEqual(block.querySelector('.code-block-language')?.textContent, 'python');
    assert.strictEqual(block.querySelector('pre > code')?.textContent, 'def f(x):\n    return x + 1');
    assert.ok(block.querySelector('pre > code span.hljs-keyword'), 'keywords are highlighted');
    const actions = Array.from(block.querySelectorAll('button[data-action]')).map((b) => b.getAttribute('data-action'));
    assert.deepStrictEqual(actions, ['copy', 'insert', 'newEditor', 'apply']);
    for (const button of block.querySelectorAll('button')) assert.ok(button.getAttribute('aria-label'), 'every toolbar button is labelled');
  });

  it('highlights every registered language family and leaves unknown ones plain', () => {
    const samples: Record<string, string> = {
      ts: 'const x: number = 1;',
      js: 'function f() { return 1; }',
      json: '{"a": 1}',
      bash: 'if [ -f x ]; then echo hi; fi',
      css: '.a { color: #fff; }',
      html: '<div class="a">x</div>',
      java: 'public class A {}',
      c: 'int main(void) { return 0; }',
      cpp: 'class A { public: virtual void f(); };',
      go: 'func main() { return }',
      rust: 'fn main() { let x = 1; }',
      sql: 'SELECT a FROM t WHERE b = 1;',
      yaml: 'key: value',
      markdown: '# Title',
      diff: '+added\n-removed',
    };
    for (const [language, code] of Object.entries(samples)) {
      const html = render(`\`\`\`${language}\n${code}\n\`\`\`\n`);
      assert.strictEqual(html.querySelector('code')?.textContent, code, language);
      assert.ok(html.querySelector('code span[class^="hljs-"]'), `${language} is highlighted`);
    }
    const plain = render('```klingon\nqapla\n```\n');
    assert.strictEqual(plain.querySelector('code span[class^="hljs"]'), null);
    assert.strictEqual(plain.querySelector('code')?.textContent, 'qapla');
  });

  it('shows raw HTML as literal text and decodes character references in text', () => {
    const html = render('Tom &amp; Jerry &lt;3 <b>bold?</b>\n\n<div>block</div>\n');
    assert.strictEqual(html.querySelector('p')?.textContent, 'Tom & Jerry <3 <b>bold?</b>');
    assert.strictEqual(html.querySelector('b'), null);
    assert.strictEqual(html.querySelector('.raw-html')?.textContent, '<div>block</div>');
  });

  it('counts the characters it renders', () => {
    const doc = createDocument();
    const view = renderMarkdown(doc.createElement('div'), doc, 'Hello *world*');
    assert.strictEqual(view.renderedChars, 'Hello world'.length);
  });
});
