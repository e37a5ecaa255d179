// The part of Node's Buffer the shared code uses (sseDecoder.ts, bodyReading.ts, historyStore.ts, webviewHtml.ts), for
// the web build. A Uint8Array with Node's text conversions; views share memory as Node's do.
const utf8 = new TextEncoder();

export class Buffer extends Uint8Array {
  // `any`: Node's overloads, which are not Uint8Array.from's (the static side must stay assignable to it).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static override from(value: any, encodingOrOffset?: any, length?: any): any {
    if (typeof value === 'string') {
      const bytes = utf8.encode(value);
      return new Buffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
    }
    if (ArrayBuffer.isView(value)) return new Buffer(value as Uint8Array); // a copy, as Node's Buffer.from(typedArray)
    if (Array.isArray(value)) return new Buffer(value);
    const offset = typeof encodingOrOffset === 'number' ? encodingOrOffset : 0;
    return new Buffer(value as ArrayBuffer, offset, length ?? (value as ArrayBuffer).byteLength - offset);
  }

  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static byteLength(text: string): number {
    return utf8.encode(text).byteLength;
  }

  static concat(parts: readonly Uint8Array[]): Buffer {
    const out = new Buffer(parts.reduce((sum, p) => sum + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }

  override toString(encoding = 'utf8', start = 0, end = this.length): string {
    const bytes = this.subarray(start, end);
    switch (encoding) {
      case 'latin1':
      case 'binary':
      case 'ascii': {
        let text = '';
        for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
        return text;
      }
      case 'base64':
        return btoa(new Buffer(bytes).toString('latin1'));
      case 'hex':
        return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      default:
        return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}
