/**
 * Collects hashes and asks the server about them in requests of at most `maxBatch` (SPEC §4b:
 * `POST /uploads/check` takes ≤ 1,000). After each window the batch goes out only when the
 * uploads are short of work (`hungry`), when it is full, or once the oldest hash has waited
 * `maxWaitMs`: hashing runs far ahead of the network, so a big drop asks in a few large
 * requests instead of one per handful of files. A failed check is not fatal: the hash
 * resolves as unknown and `create` (which dedupes by sha256 too) decides.
 */
import type { KnownHash } from "./uploadsApi";

export type FetchKnown = (sha256s: string[]) => Promise<KnownHash[]>;

export class CheckBatcher {
  private pending = new Map<string, ((known: KnownHash | undefined) => void)[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private oldest = 0;

  constructor(
    private readonly fetchKnown: FetchKnown,
    private readonly windowMs = 200,
    private readonly maxBatch = 1000,
    private readonly hungry: () => boolean = () => true,
    private readonly maxWaitMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  check(sha256: string): Promise<KnownHash | undefined> {
    return new Promise((resolve) => {
      const waiting = this.pending.get(sha256);
      if (waiting) waiting.push(resolve);
      else this.pending.set(sha256, [resolve]);
      if (this.pending.size >= this.maxBatch) this.flush();
      else if (this.timer === null) {
        this.oldest = this.now();
        this.arm();
      }
    });
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.hungry() || this.now() - this.oldest >= this.maxWaitMs) this.flush();
      else this.arm();
    }, this.windowMs);
  }

  /** Send what is waiting now (in requests of at most `maxBatch` hashes). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.size > 0) {
      const batch = new Map<string, ((known: KnownHash | undefined) => void)[]>();
      for (const [sha256, waiting] of this.pending) {
        if (batch.size >= this.maxBatch) break;
        batch.set(sha256, waiting);
      }
      for (const sha256 of batch.keys()) this.pending.delete(sha256);
      void this.send(batch);
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async send(batch: Map<string, ((known: KnownHash | undefined) => void)[]>) {
    const known = await this.fetchKnown([...batch.keys()]).catch((): KnownHash[] => []);
    const bySha = new Map(known.map((entry) => [entry.sha256.toLowerCase(), entry]));
    for (const [sha256, waiting] of batch) {
      const entry = bySha.get(sha256);
      waiting.forEach((resolve) => resolve(entry));
    }
  }
}
