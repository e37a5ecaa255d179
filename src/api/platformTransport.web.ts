// The browser workbench's transport (web worker extension host, no Node): fetch. Chosen by the web build in place of
// platformTransport.ts (see transport.ts).
export { fetchRequest as platformTransport } from './fetchRequest';
