// ESLint with typescript-eslint; formatting is Prettier's (eslint-config-prettier turns off clashing rules).
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".tmp/", "openapi/generated/", "reports/", "coverage/", "mock/ui/vendor/"] },
  ...tseslint.configs.recommended,
  prettier,
  {
    // Tests read arbitrary JSON answers; `any` is the honest type there.
    files: ["**/*.test.ts", "**/test/**/*.ts", "contracts/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
