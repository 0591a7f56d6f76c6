import { createInterface, emitKeypressEvents, type Interface } from "node:readline";

/** Asks the user questions; every answer can also come from a flag or a file instead. */
export interface Prompter {
  /** True when a person types the answers (stdin is a terminal), false when they are piped. */
  readonly interactive: boolean;
  /** Asks a question and returns the answer line. */
  ask(question: string): Promise<string>;
  /** Asks for a secret; on a terminal the typed characters are not echoed. */
  askSecret(question: string): Promise<string>;
  /** Releases stdin so that the process can exit. */
  close(): void;
}

/** Thrown when stdin ends before an answer, or the user presses Ctrl-C at a secret prompt. */
export class PromptAbortedError extends Error {
  override readonly name = "PromptAbortedError";
}

/**
 * A terminal prompter when stdin is a TTY; otherwise answers are read line by line from stdin,
 * so that a script (or a test) can drive the CLI by writing to its stdin. Questions go to
 * `output` (stderr), keeping stdout for results.
 */
export function createPrompter(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Prompter {
  return input.isTTY ? terminalPrompter(input, output) : linePrompter(input, output);
}

function terminalPrompter(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Prompter {
  return {
    interactive: true,
    ask: (question) =>
      new Promise((resolve, reject) => {
        const lines = createInterface({ input, output, terminal: true });
        lines.once("SIGINT", () => {
          lines.close();
          reject(new PromptAbortedError("cancelled"));
        });
        lines.question(question, (answer) => {
          lines.close();
          resolve(answer);
        });
      }),
    askSecret: (question) => readHidden(input, output, question),
    close: () => undefined,
  };
}

interface Keypress {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
}

// Raw mode with keypress events rather than readline's echo: readline has no public way to mute
// its output, and a password must never appear on screen or in the scrollback.
function readHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
  question: string,
): Promise<string> {
  output.write(question);
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let answer = "";
    const finish = () => {
      input.off("keypress", onKey);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
    };
    const onKey = (text: string | undefined, key: Keypress | undefined) => {
      if (key?.ctrl && (key.name === "c" || key.name === "d")) {
        finish();
        reject(new PromptAbortedError("cancelled"));
      } else if (key?.name === "return" || key?.name === "enter") {
        finish();
        resolve(answer);
      } else if (key?.name === "backspace") {
        answer = answer.slice(0, -1);
      } else if (text !== undefined && !key?.ctrl && !key?.meta) {
        answer += text;
      }
    };
    input.on("keypress", onKey);
  });
}

function linePrompter(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Prompter {
  // Created on the first question only: an open reader keeps the process alive.
  let reader: Interface | undefined;
  const buffered: string[] = [];
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  let ended = false;

  const nextLine = (question: string): Promise<string> => {
    // One question per line: piped output is read by programs, and errors start a new line.
    output.write(`${question.trimEnd()}\n`);
    if (!reader) {
      reader = createInterface({ input, terminal: false });
      reader.on("line", (line) => {
        const waiter = waiting.shift();
        if (waiter) waiter.resolve(line);
        else buffered.push(line);
      });
      reader.on("close", () => {
        ended = true;
        for (const waiter of waiting.splice(0)) {
          waiter.reject(new PromptAbortedError("stdin ended before an answer was given"));
        }
      });
    }
    const line = buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended) return Promise.reject(new PromptAbortedError("stdin ended before an answer"));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  return {
    interactive: false,
    ask: nextLine,
    askSecret: nextLine,
    close: () => reader?.close(),
  };
}
