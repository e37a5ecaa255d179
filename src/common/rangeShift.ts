// Follows a range of a document (as character offsets) through the edits made to the document since it was recorded,
// so an answer's code can be applied where the question was even after typing above it or reformatting inside it.
// Pure: the host feeds it the text changes VS Code reports.

export interface OffsetRange {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface TextChange {
  /** Where the replaced text started, in the document before this change. */
  offset: number;
  /** How many characters were replaced. */
  removed: number;
  /** How many characters were inserted. */
  inserted: number;
}

/**
 * The range after one change, or undefined when the change destroyed it: it replaced the whole range, or crossed one
 * of its ends (part inside, part outside), so no range in the new text corresponds to it any more.
 * A change entirely before the range moves it; one entirely inside it (typing, reformatting lines) grows or shrinks
 * it; one after it changes nothing. An insertion exactly at the start goes before the range, exactly at the end after.
 */
export function shiftRange(range: OffsetRange, change: TextChange): OffsetRange | undefined {
  const changeEnd = change.offset + change.removed;
  const delta = change.inserted - change.removed;
  if (changeEnd <= range.start) {
    return { start: range.start + delta, end: range.end + delta };
  }
  if (change.offset >= range.end) return range;
  const inside = change.offset >= range.start && changeEnd <= range.end;
  if (!inside) return undefined;
  const end = range.end + delta;
  // The change replaced every character of the range: what the question was about is gone.
  if (change.offset === range.start && changeEnd === range.end && range.end > range.start) return undefined;
  return { start: range.start, end };
}

/**
 * Applies the changes of one document event. VS Code describes them against the document before the event and never
 * overlapping, so applying them from the last to the first keeps every offset valid.
 */
export function shiftRangeThrough(range: OffsetRange, changes: readonly TextChange[]): OffsetRange | undefined {
  let current: OffsetRange | undefined = range;
  for (const change of [...changes].sort((a, b) => b.offset - a.offset)) {
    current = current && shiftRange(current, change);
  }
  return current;
}
