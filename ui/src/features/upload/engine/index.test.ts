import { describe, expect, it } from "vitest";
import { createUploadController } from ".";
import { HashPool } from "./hashPool";
import { FakeWorker, MemoryResumeStore, fakeUploadsApi } from "./testing/fakes";

describe("createUploadController", () => {
  it("hands out bound methods (the panel passes subscribe/getSnapshot on their own)", async () => {
    const controller = createUploadController({
      api: fakeUploadsApi(),
      store: new MemoryResumeStore(),
      pool: new HashPool(() => new FakeWorker(), 2),
    });
    const { subscribe, getSnapshot, addFiles } = controller;
    let calls = 0;
    const unsubscribe = subscribe(() => (calls += 1));
    expect(getSnapshot().items).toEqual([]);
    expect(getSnapshot().active).toBe(false);
    addFiles([{ file: new File(["x"], "x.jpg", { type: "image/jpeg" }), relativePath: "x.jpg" }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toBeGreaterThan(0);
    expect(getSnapshot().items.map((item) => item.name)).toEqual(["x.jpg"]);
    unsubscribe();
    controller.dispose();
  });
});
