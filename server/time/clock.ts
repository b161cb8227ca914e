// The time every rule of the time box is judged against. It is the system clock, except in
// browser journeys, which move it forward to watch a week open without waiting for midnight;
// rules still take `now` as an argument so unit tests pass their own instant.
let offsetMs = 0;

export function currentTime(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Moves the site's clock by `ms` from now on (test servers only: main.ts never calls it). */
export function moveClock(ms: number): void {
  offsetMs += ms;
}

export function resetClock(): void {
  offsetMs = 0;
}
