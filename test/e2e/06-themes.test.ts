// The chat with a conversation in it, in dark, light and high-contrast themes: the page follows the theme, and a
// screenshot of each goes to test-results/ (chat-dark.png, chat-light.png, chat-high-contrast.png).
import { chatFrame, messages } from './chatView';
import { ensureConversation } from './conversation';
import { e2e } from './e2eContext';
import { saveScreenshot } from './screenshots';
import { applyTheme, themeCases } from './themes';
import { showAskLlamaSidebar } from './workbench';

describe('Themes', () => {
  before(() => ensureConversation());

  for (const theme of themeCases) {
    it(`renders the chat in the ${theme.name} theme`, async () => {
      const { page } = e2e();
      await showAskLlamaSidebar(page);
      await messages(chatFrame(page), 'assistant').first().waitFor({ timeout: 15_000 });
      await applyTheme(page, theme);
      await saveScreenshot(page, `chat-${theme.name}`);
    });
  }
});
