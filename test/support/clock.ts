/** A hub clock that tests move forward (TOTP steps, expiries, deadlines). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function createTestClock(start = new Date()): TestClock {
  let offset = 0;
  const base = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + base + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
