// How much of a file the CLI reads before it stops: UTF-8 takes at most 3 bytes per UTF-16 code
// unit (and UTF-16 two), so a file over this is over analyze's character limit without decoding it.
import { DEFAULT_MAX_CHARS } from "../core/analyze";

export const MAX_NOTE_BYTES = 3 * DEFAULT_MAX_CHARS + 4;
