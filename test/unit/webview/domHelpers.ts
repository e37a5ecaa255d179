// A DOM for webview tests, from linkedom: enough of the browser for the renderer and the page controller.
import { parseHTML } from 'linkedom';

export interface TestWindow {
  document: Document;
  Event: typeof Event;
}

export function createWindow(): TestWindow {
  return parseHTML('<!doctype html><html><body><div id="app"></div></body></html>') as unknown as TestWindow;
}

export function createDocument(): Document {
  return createWindow().document;
}

/** Every element under `root`, depth first. */
export function allElements(root: Element): Element[] {
  return Array.from(root.querySelectorAll('*'));
}

/** A keyboard event linkedom can dispatch (it has no KeyboardEvent). */
export function keyEvent(win: TestWindow, key: string, modifiers: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing', boolean>> = {}): Event {
  const event = new win.Event('keydown', { bubbles: true, cancelable: true });
  Object.assign(event, { key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, ...modifiers });
  return event;
}

export function click(win: TestWindow, target: Element): Event {
  const event = new win.Event('click', { bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}
