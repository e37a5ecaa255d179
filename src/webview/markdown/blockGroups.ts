// A long answer is thousands of top-level blocks, each `content-visibility: auto` so that those out of view are not
// laid out or painted again on every streamed frame. But Chromium watches each such element's visibility on every
// frame: at the end of a 200 KB answer that check alone took 10–12 ms of a frame (browser suite, "an honest long
// answer"). Committed blocks, which never change again, are therefore moved into groups of BLOCKS_PER_GROUP: the
// page then watches one element per group. Groups always take the oldest loose blocks, so an answer is grouped the
// same way whether it streamed in or was opened whole.
import { element } from '../dom';

export const BLOCKS_PER_GROUP = 32;
const GROUP_CLASS = 'block-group';

/** Groups the committed blocks of `container` that are not in a group yet: those before `firstOpen` (or all). */
export function groupCommittedBlocks(doc: Document, container: Element, firstOpen: Node | undefined): void {
  const loose: ChildNode[] = [];
  for (let node = firstOpen ? firstOpen.previousSibling : container.lastChild; node && !isGroup(node); node = node.previousSibling) {
    loose.push(node);
  }
  if (loose.length < BLOCKS_PER_GROUP) return;
  loose.reverse();
  for (let start = 0; start + BLOCKS_PER_GROUP <= loose.length; start += BLOCKS_PER_GROUP) {
    const blocks = loose.slice(start, start + BLOCKS_PER_GROUP);
    const group = element(doc, 'div', { class: GROUP_CLASS });
    container.insertBefore(group, blocks[0]);
    group.append(...blocks);
  }
}

function isGroup(node: ChildNode): boolean {
  return node.nodeType === 1 && (node as Element).classList.contains(GROUP_CLASS);
}
