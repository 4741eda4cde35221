// Pathological markdown that makes micromark superlinear, defused before parsing without moving an
// offset. Measured (one line, 3,000 containers deep): "- - - … x" 7.7 s, "1. 1. … x" 3.8 s; 20,000
// "[" then 20,000 "]" in 40 KB: 6.2 s. No progress note looks like this, but a paste of generated
// text can, and the editor must not wait for it. Past a limit, the marker characters are swapped
// for look-alikes of the same UTF-16 length that markdown gives no meaning: the parser reads them as
// text. The note model copies prose from the original text, so what is matched never changes; only
// the structure of such a line (its list or quote nesting, its link labels) is read as plain text.

/** Container markers read at the start of one line (lists and quotes nested deeper are text). */
export const MAX_NESTING = 100;
/** "[" read as possible link label starts in one chunk (the rest are text). */
export const MAX_BRACKETS = 1000;

const LOOK_ALIKE: Record<string, string> = {
  "-": "\u2010",
  "*": "\u2217",
  "+": "\u2795",
  ">": "\u203a",
  ".": "\u2024",
  ")": "\u2769",
  "[": "\u2045",
};

/** The text with nesting past MAX_NESTING and brackets past MAX_BRACKETS made inert; the same length. */
export function defuse(text: string): string {
  let out: string[] | undefined;
  const swap = (i: number) => {
    out ??= text.split("");
    out[i] = LOOK_ALIKE[text[i]];
  };
  // Container markers at line starts: "- ", "* ", "+ ", "> ", "1. ", "1) ", with spaces between.
  for (let lineStart = 0; lineStart < text.length; ) {
    const nl = text.indexOf("\n", lineStart);
    const end = nl < 0 ? text.length : nl;
    let depth = 0;
    let i = lineStart;
    for (;;) {
      while (i < end && (text[i] === " " || text[i] === "\t")) i++;
      if (i >= end) break;
      const c = text[i];
      let marker = -1;
      let next = i + 1;
      if (c === ">") marker = i;
      else if ((c === "-" || c === "*" || c === "+") && (next >= end || text[next] === " " || text[next] === "\t")) marker = i;
      else if (c >= "0" && c <= "9") {
        let j = i;
        while (j < end && j - i < 9 && text[j] >= "0" && text[j] <= "9") j++;
        if ((text[j] === "." || text[j] === ")") && (j + 1 >= end || text[j + 1] === " " || text[j + 1] === "\t")) {
          marker = j;
          next = j + 1;
        }
      }
      if (marker < 0) break;
      if (++depth > MAX_NESTING) swap(marker);
      i = next;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  // Link label starts.
  let brackets = 0;
  for (let i = text.indexOf("["); i >= 0; i = text.indexOf("[", i + 1)) if (++brackets > MAX_BRACKETS) swap(i);
  return out ? out.join("") : text;
}
