// The package as npm packs it, and scratch apps that install it: shared by the package suites.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../../kernel/paths";

export interface PackedFile {
  path: string;
  size: number;
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** What `npm pack` would ship: its file list (dist/ as built by the project's globalSetup). */
export function packList(): PackedFile[] {
  const json = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], repoRoot);
  const [report] = JSON.parse(json) as { files: PackedFile[] }[];
  return report.files;
}

/**
 * A fresh app in a temporary folder with the packed tarball installed, its peer dependencies
 * from the local npm cache where present. The caller removes `dir`.
 */
export function scratchAppWithPackage(): { dir: string; tarball: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "losslab-app-"));
  const [{ filename }] = JSON.parse(
    npm(["pack", "--json", "--ignore-scripts", "--pack-destination", dir], repoRoot),
  ) as { filename: string }[];
  const tarball = path.join(dir, filename);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "scratch-app", private: true }));
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", tarball], dir);
  return { dir, tarball };
}

/** The size in bytes of every file under `dir`, as `du -s` counts (the sum of file sizes). */
export function bytesUnder(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}
