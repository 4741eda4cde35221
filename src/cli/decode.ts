// Turns file bytes into note text, or a one-line reason why they are not a text note.
// UTF-8 (with or without BOM) and UTF-16 with a BOM are read; NUL bytes or invalid UTF-8 are refused.

export type Decoded = { text: string } | { error: string };

export function decodeNote(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { error: "binary file (NUL bytes), not a text note" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { error: "not valid UTF-8 text; save the note as UTF-8" };
  }
}
