// Entry of dist/rfa-pdf.js (scripts/build.mjs): the PDF writer with its fonts inlined by esbuild's
// binary loader (Inter Regular and Bold, SIL Open Font License 1.1, from @expo-google-fonts/inter),
// so writing a PDF needs no file or network at run time. Streams are compressed with Node's zlib.
// Loaded lazily by the CLI and by the extension's PDF thread (pdf-worker.js).
import regular from "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf";
import bold from "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf";
import { deflateSync } from "node:zlib";
import type { RfaDraft } from "./draft";
import { writeRfaPdf as write } from "./pdf";

export function writeRfaPdf(draft: RfaDraft): Promise<Uint8Array> {
  return write(draft, { regular, bold }, { deflate: (bytes) => deflateSync(bytes) });
}
