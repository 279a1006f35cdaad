// vitest globalSetup of the "package" project: builds dist/ once (skipped when current), so that the
// package suites pack it without rebuilding it under a notebook that is reading it.
import { buildLibrary } from "../../kernel/register";

export default function setup(): void {
  buildLibrary();
}
