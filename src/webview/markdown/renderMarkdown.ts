import { StreamingMarkdownView } from './streamingMarkdownView';

/** Renders a complete answer in one go (saved chats, finished messages). */
export function renderMarkdown(container: Element, doc: Document, text: string): StreamingMarkdownView {
  const view = new StreamingMarkdownView(container, doc);
  view.append(text);
  view.finish();
  return view;
}
