// What happens when the CLI's output cannot be written: a closed pipe (`| head -1`) ends the run
// quietly, as every Unix tool does; any other failure (a full disk: ENOSPC) prints one line on
// stderr and exits non-zero. Never a stack trace.
import { describeError } from "./io";

interface Proc {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  exitCode?: number | string | undefined;
  exit(code?: number): never;
}

export function guardOutput(proc: Proc): void {
  let failed = false;
  proc.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e?.code === "EPIPE") proc.exit(typeof proc.exitCode === "number" ? proc.exitCode : 0);
    if (!failed) {
      failed = true;
      try {
        proc.stderr.write(`rfa-ready: cannot write the output: ${describeError(e, "write").replace(/^cannot write: /, "")}\n`);
      } catch {
        // stderr is gone too: the exit status says it
      }
    }
    proc.exit(2);
  });
  proc.stderr.on("error", () => proc.exit(typeof proc.exitCode === "number" && proc.exitCode !== 0 ? proc.exitCode : 2));
}
