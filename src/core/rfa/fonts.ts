// The PDF fonts read from node_modules (tests and running from source); the bundle inlines them.
import { readFileSync } from "node:fs";
import type { PdfFonts } from "./pdf";

export function fontsFromPackage(): PdfFonts {
  const base = "@expo-google-fonts/inter";
  return {
    regular: readFileSync(require.resolve(`${base}/400Regular/Inter_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${base}/700Bold/Inter_700Bold.ttf`)),
  };
}
