// Pure, vscode-free glob matching for `rfaReady.files`: `**` (any folders), `*` and `?` (within
// one path segment), `{a,b}` alternatives and `[abc]` classes, on `/`-separated paths. Case-
// insensitive, like the file systems notes usually live on.

const cache = new Map<string, RegExp>();

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** The regular expression of a glob (anchored, whole path). */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = "";
  let depth = 0; // inside {...}
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === "/";
        re += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      depth++;
      re += "(?:";
    } else if (ch === "}" && depth > 0) {
      depth--;
      re += ")";
    } else if (ch === "," && depth > 0) re += "|";
    else if (ch === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else re += escapeRe(ch);
  }
  while (depth-- > 0) re += ")";
  const compiled = new RegExp(`^${re}$`, "i");
  cache.set(glob, compiled);
  return compiled;
}

/**
 * True when a path matches one of the globs. `relativePath` is the path inside its workspace
 * folder (or the absolute path, without its leading `/`, outside any folder); a glob that starts
 * with `/` is matched against `absolutePath`.
 */
export function matchesAnyGlob(globs: readonly string[], relativePath: string, absolutePath = relativePath): boolean {
  const rel = relativePath.replace(/\\/g, "/").replace(/^\/+/, "");
  const abs = absolutePath.replace(/\\/g, "/");
  return globs.some((g) => (g.startsWith("/") ? globToRegExp(g).test(abs) : globToRegExp(g).test(rel)));
}
