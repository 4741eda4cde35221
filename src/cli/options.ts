// Command-line options for both commands: every option is declared, so an unknown one ("-x",
// "--bogus") is a usage error and never read as a file name; a missing value is an error too;
// "--" ends the options and "-" is standard input.

export interface OptionSpec {
  /** Long name without dashes: "format". */
  name: string;
  /** Short alias without the dash: "o". */
  short?: string;
  /** Takes a value ("--out FILE" or "--out=FILE"); otherwise a flag. */
  value: boolean;
  /** May be given more than once (values are collected in order). */
  repeat?: boolean;
}

export type Parsed = { options: Map<string, string[]>; files: string[] } | { error: string };

export function parseOptions(args: string[], specs: OptionSpec[]): Parsed {
  const options = new Map<string, string[]>();
  const files: string[] = [];
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (ended || a === "-" || !a.startsWith("-")) {
      files.push(a);
      continue;
    }
    if (a === "--") {
      ended = true;
      continue;
    }
    const long = a.startsWith("--");
    const eq = a.indexOf("=");
    const key = long ? a.slice(2, eq < 0 ? undefined : eq) : a.slice(1, eq < 0 ? undefined : eq);
    const spec = specs.find((s) => (long ? s.name === key : s.short === key));
    if (!spec) return { error: `unknown option '${eq < 0 ? a : a.slice(0, eq)}'` };
    let value: string;
    if (!spec.value) {
      if (eq >= 0) return { error: `--${spec.name} takes no value` };
      value = "";
    } else if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    else return { error: `--${spec.name} needs a value` };
    if (spec.value && value === "") return { error: `--${spec.name} needs a value` };
    const list = options.get(spec.name);
    if (list && !spec.repeat) return { error: `--${spec.name} given twice` };
    if (list) list.push(value);
    else options.set(spec.name, [value]);
  }
  return { options, files };
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-45 are not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}
