/** A check of the demo that did not hold: the run stops there and exits non-zero. */
export class DemoCheckFailed extends Error {
  override readonly name = "DemoCheckFailed";
}

/** Throws {@link DemoCheckFailed} with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new DemoCheckFailed(message);
}

/** Prints one line per verified step: `ok  3/14 six focal points enrolled in four countries`. */
export interface StepReporter {
  /**
   * Runs one step. Its line is printed once `run` resolves, followed by the detail `run`
   * returns, if any; a failure prints a `FAIL` line naming the step and rethrows.
   */
  step(title: string, run: () => Promise<string | undefined>): Promise<void>;
  /** The number of steps that passed so far. */
  readonly passed: number;
}

/** A reporter for a scenario of `total` steps, writing lines with `write`. */
export function createStepReporter(total: number, write: (line: string) => void): StepReporter {
  let passed = 0;
  const width = String(total).length;
  const label = (index: number) => `${String(index).padStart(width, " ")}/${total}`;
  return {
    get passed() {
      return passed;
    },
    async step(title, run) {
      const index = passed + 1;
      const started = Date.now();
      let detail: string | undefined;
      try {
        detail = await run();
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        write(`FAIL ${label(index)} ${title}: ${reason}`);
        throw error;
      }
      passed = index;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      write(`ok  ${label(index)} ${title}${detail ? ` (${detail})` : ""} [${seconds} s]`);
    },
  };
}
