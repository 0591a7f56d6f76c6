/** One result line, as DESIGN.md §11 specifies. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
}

/** Prints one JSON line; `ratio` is value/baseline from the same run. */
export function report(
  name: string,
  value: number,
  unit: string,
  baseline: number | null = null,
): void {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const result: BenchResult = {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null || baseline === 0 ? null : round(value / baseline),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
