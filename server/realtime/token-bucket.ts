// A token bucket: a burst of `capacity`, refilled at a steady rate. Bounds what one socket may
// ask of the server (messages, replayed events) without a timer per socket.
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = clock();
  }

  available(): number {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    return Math.floor(this.tokens);
  }

  /** Takes `count` tokens if there are that many. */
  take(count = 1): boolean {
    if (this.available() < count) return false;
    this.tokens -= count;
    return true;
  }
}
