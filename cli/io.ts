// Where a command writes. Injected so tests can capture output without a subprocess.

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** What a command may know about the process it runs in, handed in rather than read. */
export interface CliHost {
  env: Readonly<Record<string, string | undefined>>;
  /** Standard output is a terminal (colour is on by default there). */
  stdoutIsTty: boolean;
  /** Standard error is a terminal (progress lines redraw in place there). */
  stderrIsTty: boolean;
}

export const processHost = (): CliHost => ({
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
});
