// The chat page entry point: wires the page controller to the real webview API and browser schedulers.
import './styles/page.css';
import './styles/markdown.css';
import './styles/highlight.css';
import { type HostPost, unbatch } from '../common/protocol';
import { loadTranslations } from './l10n';
import { PageController } from './ui/pageController';
import type { PageState, Schedulers, WebviewApi } from './ui/webviewApi';

declare function acquireVsCodeApi(): WebviewApi & { getState(): PageState | undefined };

const schedulers: Schedulers = {
  frame: (callback) => requestAnimationFrame(() => callback()),
  // Older messages of a long chat are rendered when the page is idle, a slice at a time.
  idle: (callback) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => callback(), { timeout: 200 }) : setTimeout(callback, 16)),
};

// Before anything is built: every label is translated as it is created.
loadTranslations(document);
const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const controller = new PageController(app, document, acquireVsCodeApi(), schedulers);
const isTyped = (value: unknown): value is { type: string } =>
  !!value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
window.addEventListener('message', (event: MessageEvent<HostPost>) => {
  if (!isTyped(event.data)) return;
  for (const message of unbatch(event.data)) if (isTyped(message)) controller.handle(message);
});
controller.start();
