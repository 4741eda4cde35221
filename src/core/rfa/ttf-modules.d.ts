// esbuild's binary loader (scripts/build.mjs) turns an imported .ttf into its bytes.
declare module "*.ttf" {
  const bytes: Uint8Array;
  export default bytes;
}
