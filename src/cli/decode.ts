// Turns file bytes into note text, or a one-line reason why they are not a text note.
// UTF-8 (with or without BOM) and UTF-16 with a BOM are read. UTF-32 (by its BOM), NUL bytes
// anywhere in the file, and invalid UTF-8 are refused: such a note is not checked, and says so.

export type Decoded = { text: string } | { error: string };

export function decodeNote(bytes: Uint8Array): Decoded {
  // UTF-32's BOMs first: the little-endian one begins with UTF-16LE's.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { error: "UTF-32 text is not supported; save the note as UTF-8" };
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { error: "UTF-32 text is not supported; save the note as UTF-8" };
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) return { error: "binary file (NUL bytes), not a text note" };
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { error: "not valid UTF-8 text; save the note as UTF-8" };
    }
  }
  if (text.includes("\u0000")) return { error: "binary file (NUL characters), not a text note" };
  return { text };
}
