import { defineConfig } from "vitest/config";

// The notebook and browser suites need the built site: the "docs" project's globalSetup runs
// the build once, and only when a file of that project is part of the run.
const docs = ["test/notebooks/**/*.test.ts", "test/browser/**/*.test.ts"];
// The package suites pack dist/ (built once by their globalSetup) and install it into scratch apps.
const pkg = ["test/package/**/*.test.ts"];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...docs, ...pkg] } },
      { extends: true, test: { name: "package", include: pkg, globalSetup: ["test/package/build-library.ts"] } },
      { extends: true, test: { name: "docs", include: docs, globalSetup: ["test/notebooks/build-site.ts"] } },
    ],
  },
});
