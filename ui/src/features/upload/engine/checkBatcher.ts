/**
 * Collects hashes for a short window and asks the server about them in one request of at
 * most `maxBatch` (SPEC §4b: `POST /uploads/check` takes ≤ 1,000). A failed check is not
 * fatal: the hash resolves as unknown and `create` (which dedupes by sha256 too) decides.
 */
import type { KnownHash } from "./uploadsApi";

export type FetchKnown = (sha256s: string[]) => Promise<KnownHash[]>;

export class CheckBatcher {
  private pending = new Map<string, ((known: KnownHash | undefined) => void)[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly fetchKnown: FetchKnown,
    private readonly windowMs = 200,
    private readonly maxBatch = 1000,
  ) {}

  check(sha256: string): Promise<KnownHash | undefined> {
    return new Promise((resolve) => {
      const waiting = this.pending.get(sha256);
      if (waiting) waiting.push(resolve);
      else this.pending.set(sha256, [resolve]);
      if (this.pending.size >= this.maxBatch) this.flush();
      else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.windowMs);
    });
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
