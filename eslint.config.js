// ESLint with typescript-eslint; formatting is Prettier's (eslint-config-prettier turns off clashing rules).
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "reports/", "coverage/", "mock/ui/vendor/"] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
