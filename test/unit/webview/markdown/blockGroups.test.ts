import * as assert from 'node:assert';
import { BLOCKS_PER_GROUP } from '../../../../src/webview/markdown/blockGroups';
import { StreamingMarkdownView } from '../../../../src/webview/markdown/streamingMarkdownView';
import { createDocument } from '../domHelpers';

/** 200 paragraphs, headings and lists: far more top-level blocks than one group. */
function longAnswer(): string {
  return Array.from({ length: 100 }, (_, i) => `## Part ${i}\n\nSome words about part ${i} with \`code\`.\n\n- a point\n- another\n\n`).join('');
}

/** Each top-level child: a group's size, or '-' for a loose block. */
function shape(container: Element): string[] {
  return [...container.children].map((child) => (child.classList.contains('block-group') ? String(child.children.length) : '-'));
}

describe('block groups: committed blocks of a long answer in groups', () => {
  it('groups committed blocks the same way streamed and whole, and keeps every block in order', () => {
    const text = longAnswer();
    const doc = createDocument();
    const whole = doc.createElement('div');
    const wholeView = new StreamingMarkdownView(whole, doc);
    wholeView.append(text);
    wholeView.finish();

    const streamed = doc.createElement('div');
    const streamedView = new StreamingMarkdownView(streamed, doc);
    for (let at = 0; at < text.length; at += 37) {
      streamedView.append(text.slice(at, at + 37));
      streamedView.flush();
    }
    streamedView.finish();

    const blocks = 100 * 3;
    assert.ok(shape(whole).filter((s) => s === String(BLOCKS_PER_GROUP)).length >= Math.floor(blocks / BLOCKS_PER_GROUP) - 1, shape(whole).join(' '));
    assert.deepStrictEqual(shape(streamed), shape(whole));
    assert.strictEqual(streamed.textContent, whole.textContent);
    assert.strictEqual(whole.querySelectorAll('h2').length, 100);
  });
});
