// The chat page entry point.
