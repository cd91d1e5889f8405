/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "../static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // The share page is its own entry: a friend's browser never loads the library app.
    manifest: true,
    rollupOptions: {
      input: { index: "index.html", share: "share.html" },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8765" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // a test's first render imports MUI and the feature in jsdom: seconds on a loaded 2-core CI box
    testTimeout: 20_000,
  },
});
