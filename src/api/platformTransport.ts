// The desktop and remote extension hosts' transport: Node's own HTTP client. The web build swaps this file for
// platformTransport.web.ts (see transport.ts).
export { httpRequest as platformTransport } from './httpRequest';
