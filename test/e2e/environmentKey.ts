// The ASK_LLAMA_API_KEY the e2e code-server runs with, as `npm run try` passes a user's key: the extension stores it
// for the AI/ML API's origin only. A made-up value: nothing in the suite may ever send it anywhere.
export const E2E_ENVIRONMENT_KEY = 'sk-e2e-from-the-environment-3c9d';
