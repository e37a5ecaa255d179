// Makes text from the model look like the file it goes into: the file's line endings (CRLF or LF) and its
// indentation (tabs or spaces). Models answer with LF and usually with spaces whatever the file uses.

export interface TextStyle {
  eol: '\n' | '\r\n';
  /** The file indents with spaces (true) or tabs (false). */
  insertSpaces: boolean;
  /** Columns per tab (and spaces per indentation level when insertSpaces). */
  tabSize: number;
}

/** Line endings: every CRLF, CR or LF becomes `eol`. */
export function withLineEndings(text: string, eol: TextStyle['eol']): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/**
 * Rewrites each line's leading whitespace in the file's style: tabs become `tabSize` spaces in a spaces file; runs of
 * `tabSize` spaces become tabs in a tabs file (a remainder of fewer spaces stays, as alignment). Text after the
 * indentation is never touched.
 */
export function withIndentation(text: string, style: Pick<TextStyle, 'insertSpaces' | 'tabSize'>): string {
  const tabSize = Number.isInteger(style.tabSize) && style.tabSize > 0 ? style.tabSize : 4;
  return text.replace(/^[ \t]+/gm, (indent) => {
    let columns = 0;
    for (const ch of indent) columns = ch === '\t' ? columns + tabSize - (columns % tabSize) : columns + 1;
    if (style.insertSpaces) return ' '.repeat(columns);
    return '\t'.repeat(Math.floor(columns / tabSize)) + ' '.repeat(columns % tabSize);
  });
}

/** Both: the text as it should be written into a file of that style. */
export function inFileStyle(text: string, style: TextStyle): string {
  return withLineEndings(withIndentation(text.replace(/\r\n?/g, '\n'), style), style.eol);
}
