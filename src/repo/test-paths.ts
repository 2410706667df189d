/**
 * Test files by the conventions of the languages revloop reads: test
 * directories (`tests/`, `testing/`, `__tests__/`, `spec/`), `test_x.py`,
 * `x_test.go`, `x.test.ts`, `x.spec.js`, `XTest.java`, `x_spec.rb`.
 */
export function isTestPath(path: string): boolean {
  return (
    /(^|\/)(tests?|testing|__tests__|spec|specs)\//.test(path) ||
    /(^|\/)(test_[^/]*|conftest\.py)$/.test(path) ||
    /_(test|spec)\.[A-Za-z]+$/.test(path) ||
    /\.(test|spec)\.[A-Za-z]+$/.test(path) ||
    /[a-z0-9](Test|Tests|Spec)\.(java|kt|scala|cs|php|swift)$/.test(path)
  );
}
