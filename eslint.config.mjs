// ESLint flat config: JavaScript's and typescript-eslint's recommended rules over the TypeScript
// sources, and the project's line limit of 120 characters (formatting itself is Prettier's).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "site/", "node_modules/", ".venv/", ".jupyter-data/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mts"],
    rules: {
      "max-len": ["error", { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Code evaluated in the page reads JupyterLab's app object (window.jupyterapp), which has no types there.
    files: ["test/browser/jupyterlab.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The optional native backend is required lazily, inside a try, so that its absence is not an error.
    files: ["src/core/backend.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
